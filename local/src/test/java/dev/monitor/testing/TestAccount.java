package dev.monitor.testing;

/** An account made for a test, with a client that uses its credentials. */
public record TestAccount(String sid, String authToken, ApiClient client) {}
