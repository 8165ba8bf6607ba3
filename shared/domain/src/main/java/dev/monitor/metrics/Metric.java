package dev.monitor.metrics;

/**
 * Monitor's metrics, in CloudWatch's namespace {@code Monitor} with the dimension {@code Function}. The operators'
 * alarms of template.yaml use these names: rename none without them.
 */
public enum Metric {
    EVENTS_RECORDED("EventsRecorded", Unit.COUNT),
    ALERTS_RECORDED("AlertsRecorded", Unit.COUNT),
    /** Also by {@code StatusClass} (2xx, 4xx, 5xx). */
    API_REQUESTS("ApiRequests", Unit.COUNT),
    /** An API request's time in the function, also by {@code StatusClass}. */
    LATENCY("Latency", Unit.MILLISECONDS),
    /** The items DynamoDB read for an API request (each Query's items evaluated, each item fetched). */
    ITEMS_READ("ItemsRead", Unit.COUNT),
    NOTIFICATIONS_DELIVERED("NotificationsDelivered", Unit.COUNT),
    /** Failed for good: gone to the dead-letter queue. */
    NOTIFICATIONS_FAILED("NotificationsFailed", Unit.COUNT),
    /** Attempts that failed and are tried again later. */
    NOTIFICATIONS_RETRIED("NotificationsRetried", Unit.COUNT),
    /** One delivery attempt's time, from sending to the receiver's answer. */
    DELIVERY_LATENCY("DeliveryLatency", Unit.MILLISECONDS),
    ALARMS_FIRED("AlarmsFired", Unit.COUNT),
    ALARMS_RESOLVED("AlarmsResolved", Unit.COUNT),
    USAGE_TRIGGERS_FIRED("UsageTriggersFired", Unit.COUNT),
    STREAM_BATCHES("StreamBatches", Unit.COUNT),
    BATCH_ITEM_FAILURES("BatchItemFailures", Unit.COUNT);

    /** A count is summed over an invocation; a time keeps each value (CloudWatch computes its percentiles). */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        private final String emfName;

        Unit(String emfName) {
            this.emfName = emfName;
        }

        /** The unit's name in CloudWatch's Embedded Metric Format. */
        public String emfName() {
            return emfName;
        }
    }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** Whether the api's requests are counted by their class of status too, a dimension of their own. */
    public boolean byStatusClass() {
        return this == API_REQUESTS || this == LATENCY;
    }
}
