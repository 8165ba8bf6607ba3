package dev.monitor.accounts;

/** Who made a request: the operator of the deployment, or an account with its own credentials. */
public sealed interface Caller {
    record Operator() implements Caller {}

    /** {@code viaApiKey}: authenticated with an API key, which Twilio keeps from managing accounts and keys. */
    record AccountCaller(Account account, boolean viaApiKey) implements Caller {
        public AccountCaller(Account account) {
            this(account, false);
        }
    }
}
