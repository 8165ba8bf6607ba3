package dev.monitor.accounts;

import java.time.Instant;

/** An API key ({@code SK…}) that acts for its account; only the hash of its secret is kept. */
public record ApiKey(
        String sid,
        String accountSid,
        String friendlyName,
        String secretSha256,
        Instant dateCreated,
        Instant dateUpdated) {}
