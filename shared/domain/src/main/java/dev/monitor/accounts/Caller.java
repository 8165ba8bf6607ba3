package dev.monitor.accounts;

import java.util.Optional;

/** Who made a request: the operator of the deployment, or an account with its own credentials. */
public sealed interface Caller {
    record Operator() implements Caller {}

    /**
     * {@code apiKeySid}: the API key it authenticated with, if not the auth token; Twilio keeps keys from managing
     * accounts and keys. {@code connectAppSid}: the Connect app ({@code CN…}) through whose grant the request acts,
     * once the account it selects is one that the caller, the app's owner, reaches only as that app's: the account a
     * user's authorization made for the app.
     */
    record AccountCaller(Account account, Optional<String> apiKeySid, Optional<String> connectAppSid)
            implements Caller {
        public AccountCaller(Account account) {
            this(account, Optional.empty(), Optional.empty());
        }

        public AccountCaller(Account account, Optional<String> apiKeySid) {
            this(account, apiKeySid, Optional.empty());
        }

        public boolean viaApiKey() {
            return apiKeySid.isPresent();
        }

        /** The same credentials, acting through the grant a user gave the Connect app {@code sid}. */
        public AccountCaller throughConnectApp(String sid) {
            return new AccountCaller(account, apiKeySid, Optional.of(sid));
        }
    }
}
