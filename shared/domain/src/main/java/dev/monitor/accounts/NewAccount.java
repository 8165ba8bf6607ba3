package dev.monitor.accounts;

/** A just-created account with the one copy of its auth token the caller will ever see. */
public record NewAccount(Account account, String authToken) {}
