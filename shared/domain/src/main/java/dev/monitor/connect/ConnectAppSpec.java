package dev.monitor.connect;

import java.util.Optional;
import java.util.Set;

/**
 * A new Connect app as a request gives it, its fields checked for form; its URLs are checked again by
 * {@link ConnectApps#create} against what Monitor sends browsers to and calls.
 */
public record ConnectAppSpec(
        ConnectAppProfile profile,
        String authorizeRedirectUrl,
        Optional<String> deauthorizeCallbackUrl,
        String deauthorizeCallbackMethod,
        Set<Permission> permissions) {}
