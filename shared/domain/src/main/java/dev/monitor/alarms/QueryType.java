package dev.monitor.alarms;

/** What an alarm counts: alerts of one error code, of one log level, or all of an account's. */
public enum QueryType {
    ERROR_CODE,
    LOG_LEVEL,
    ALL
}
