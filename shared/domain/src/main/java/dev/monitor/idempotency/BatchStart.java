package dev.monitor.idempotency;

import dev.monitor.accounts.Account;
import dev.monitor.accounts.Caller;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * When a batch was received and the seed its Sids are drawn from. Without an {@code Idempotency-Key}
 * both are fresh; with one, a repeat of the same request gets the first request's, so it rebuilds
 * the very same records and stores nothing new, and the same key with another body is a conflict.
 */
public record BatchStart(Instant receivedAt, byte[] seed, String outcome) {

    /**
     * Claims the batch's idempotency key, or finds the batch it already started.
     *
     * @param feature keeps the keys of different endpoints apart ("" for events, whose records
     *     predate the others)
     * @param outcome what this request decided beyond its Sids; a repeat gets the first request's
     */
    public static BatchStart of(
            IdempotencyStore store,
            String feature,
            Caller caller,
            Optional<String> idempotencyKey,
            List<Account> owners,
            List<? extends Record> drafts,
            Instant now,
            String outcome) {
        byte[] seed = Secrets.randomBytes(32);
        if (idempotencyKey.isEmpty()) {
            return new BatchStart(now, seed, outcome);
        }
        // The parsed request, not its bytes: two bodies that differ only in spacing or field order are the same
        // request.
        String fingerprint = Secrets.sha256Hex(owners.stream().map(Account::sid).toList() + drafts.toString());
        IdempotencyRecord held = store.claim(new IdempotencyRecord(
                feature + scopeOf(caller), Secrets.sha256Hex(idempotencyKey.get()), fingerprint, now, seed, outcome));
        if (!held.fingerprint().equals(fingerprint)) {
            throw new DomainException.Conflict("This Idempotency-Key was already used with a different request body");
        }
        return new BatchStart(held.receivedAt(), held.seed(), held.outcome());
    }

    /** The random part of the i-th Sid: fresh randomness, or the same bytes again for a repeated request. */
    public byte[] randomPart(int index) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed, "HmacSHA256"));
            return mac.doFinal(ByteBuffer.allocate(4).putInt(index).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String scopeOf(Caller caller) {
        return caller instanceof Caller.AccountCaller accountCaller
                ? accountCaller.account().sid()
                : "operator";
    }
}
