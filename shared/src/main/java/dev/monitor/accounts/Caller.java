package dev.monitor.accounts;

import java.util.Optional;

/** Who made a request: the operator of the deployment, or an account with its own credentials. */
public sealed interface Caller {
    record Operator() implements Caller {}

    /**
     * {@code viaApiKey}: authenticated with an API key, which Twilio keeps from managing accounts and keys.
     * {@code connectAppSid}: the Connect app ({@code CN…}) through whose grant the request acts, once the account it
     * selects is one that the caller, the app's owner, reaches only as that app's: the account a user's authorization
     * made for the app.
     */
    record AccountCaller(Account account, boolean viaApiKey, Optional<String> connectAppSid) implements Caller {
        public AccountCaller(Account account) {
            this(account, false);
        }

        public AccountCaller(Account account, boolean viaApiKey) {
            this(account, viaApiKey, Optional.empty());
        }

        /** The same credentials, acting through the grant a user gave the Connect app {@code sid}. */
        public AccountCaller throughConnectApp(String sid) {
            return new AccountCaller(account, viaApiKey, Optional.of(sid));
        }
    }
}
