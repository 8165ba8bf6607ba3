package dev.monitor.notify;

import dev.monitor.crypto.Secrets;
import dev.monitor.ids.Sids;
import java.time.Instant;

/**
 * A delivery Sid is {@code DL}, 12 hex digits of the first attempt's time in epoch milliseconds, and
 * 20 hex digits of the job id's hash: Sids sort by time, so an account's deliveries list newest
 * first by their sort key, and each job has one.
 */
public final class DeliverySids {
    public static final String PREFIX = "DL";

    private DeliverySids() {
    }

    public static String of(Instant firstAttempt, String jobId) {
        return PREFIX + String.format("%012x", firstAttempt.toEpochMilli()) + Secrets.sha256Hex(jobId).substring(0, 20);
    }

    public static boolean isDeliverySid(String value) {
        return Sids.isSid(PREFIX, value);
    }
}
