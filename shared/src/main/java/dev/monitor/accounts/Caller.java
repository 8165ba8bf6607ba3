package dev.monitor.accounts;

/** Who made a request: the operator of the deployment, or an account with its own credentials. */
public sealed interface Caller {
    record Operator() implements Caller {
    }

    record AccountCaller(Account account) implements Caller {
    }
}
