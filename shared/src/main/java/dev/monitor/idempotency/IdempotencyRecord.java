package dev.monitor.idempotency;

import java.time.Instant;

/**
 * What a first request with an {@code Idempotency-Key} fixed: a fingerprint of its body, the time
 * it was received and the seed its Sids were drawn from. A retry with the same key and body rebuilds
 * exactly the same records from these, so nothing new is stored and the answer is the same.
 */
public record IdempotencyRecord(String scope, String keySha256, String fingerprint, Instant receivedAt, byte[] seed) {}
