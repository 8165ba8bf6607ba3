package dev.monitor.connect;

import java.util.Optional;
import java.util.Set;

/**
 * What a request changes of a Connect app, each field present only when the request sets it. Of the optional fields
 * (company, description, homepage, deauthorize callback), an empty value removes it.
 */
public record ConnectAppChange(
        Optional<String> friendlyName,
        Optional<String> companyName,
        Optional<String> description,
        Optional<String> homepageUrl,
        Optional<String> authorizeRedirectUrl,
        Optional<String> deauthorizeCallbackUrl,
        Optional<String> deauthorizeCallbackMethod,
        Optional<Set<Permission>> permissions) {}
