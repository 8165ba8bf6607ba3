package dev.monitor.idempotency;

import java.time.Instant;

/**
 * What a first request with an {@code Idempotency-Key} fixed: a fingerprint of its body, the time
 * it was received, the seed its Sids were drawn from, and what it decided beyond those ({@code
 * outcome}, the feature's own text: for events, which of them the configuration kept). A retry with
 * the same key and body rebuilds exactly the same records and answer from these, so nothing new is
 * stored and the answer is the same, even if the configuration changed in between.
 */
public record IdempotencyRecord(
        String scope, String keySha256, String fingerprint, Instant receivedAt, byte[] seed, String outcome) {}
