package dev.monitor.accounts;

/**
 * Keeps a recoverable copy of an account's auth token, which Twilio-style callbacks are signed
 * with. Checking a token never needs it: that uses the stored hash.
 */
public interface AuthTokenSealer {
    byte[] seal(String accountSid, String authToken);

    String open(String accountSid, byte[] sealed);
}
