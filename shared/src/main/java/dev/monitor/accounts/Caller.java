package dev.monitor.accounts;

import java.util.Optional;

/** Who made a request: the operator of the deployment, or an account with its own credentials. */
public sealed interface Caller {
    record Operator() implements Caller {}

    /**
     * {@code apiKeySid}: the API key it authenticated with, if not the auth token; Twilio keeps keys from managing
     * accounts and keys.
     */
    record AccountCaller(Account account, Optional<String> apiKeySid) implements Caller {
        public AccountCaller(Account account) {
            this(account, Optional.empty());
        }

        public boolean viaApiKey() {
            return apiKeySid.isPresent();
        }
    }
}
