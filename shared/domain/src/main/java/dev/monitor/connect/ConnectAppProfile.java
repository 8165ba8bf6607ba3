package dev.monitor.connect;

import java.util.Optional;

/** What a user is shown of a Connect app before and after authorizing it: its name, company, description, homepage. */
public record ConnectAppProfile(
        String friendlyName,
        Optional<String> companyName,
        Optional<String> description,
        Optional<String> homepageUrl) {}
