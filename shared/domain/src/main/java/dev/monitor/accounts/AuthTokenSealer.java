package dev.monitor.accounts;

import dev.monitor.crypto.SecretSealer;

/**
 * Keeps a recoverable copy of an account's auth token, which Twilio-style callbacks are signed
 * with. Checking a token never needs it: that uses the stored hash.
 */
public final class AuthTokenSealer {
    private final SecretSealer sealer;

    public AuthTokenSealer(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public byte[] seal(String accountSid, String authToken) {
        return sealer.seal(accountSid, SecretSealer.Purpose.AUTH_TOKEN, authToken);
    }

    public String open(String accountSid, byte[] sealed) {
        return sealer.open(accountSid, SecretSealer.Purpose.AUTH_TOKEN, sealed);
    }
}
