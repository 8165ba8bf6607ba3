package dev.monitor.connect;

import java.util.Set;

/**
 * How a request reaches an account made for a Connect app: through the app {@code connectAppSid}, by its owner
 * {@code ownerAccountSid}, with the {@code permissions} both the user granted and the app still asks for.
 */
public record ConnectAppGrant(String connectAppSid, String ownerAccountSid, Set<Permission> permissions) {}
