package dev.monitor.crypto;

import java.util.Map;

/**
 * Keeps a recoverable copy of an account's secret: on AWS a KMS ciphertext, on the local stack
 * AES-GCM under a local key. Every sealed value is bound to its account and to what it is, so a
 * copy moved to another account's item, or an auth token passed off as a signing secret, does not open.
 */
public interface SecretSealer {
    /** What a sealed secret is; part of what binds it, and what IAM conditions can name. */
    enum Purpose {
        /**
         * The auth token is bound to the account alone, as the foundation sealed it: tokens sealed
         * before signing secrets existed still open.
         */
        AUTH_TOKEN(null),
        WEBHOOK_SIGNING_SECRET("webhook_signing_secret");

        private final String contextValue;

        Purpose(String contextValue) {
            this.contextValue = contextValue;
        }

        /** KMS's encryption context: {@code account_sid}, and {@code purpose} for all but the auth token. */
        public Map<String, String> encryptionContext(String accountSid) {
            return contextValue == null
                    ? Map.of("account_sid", accountSid)
                    : Map.of("account_sid", accountSid, "purpose", contextValue);
        }

        /** The same binding as AES-GCM associated data. */
        public String associatedData(String accountSid) {
            return contextValue == null ? accountSid : accountSid + "#" + contextValue;
        }
    }

    byte[] seal(String accountSid, Purpose purpose, String secret);

    String open(String accountSid, Purpose purpose, byte[] sealed);
}
