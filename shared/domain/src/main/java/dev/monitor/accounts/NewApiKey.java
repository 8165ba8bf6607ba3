package dev.monitor.accounts;

/** A just-created API key with the one copy of its secret the caller will ever see. */
public record NewApiKey(ApiKey key, String secret) {}
