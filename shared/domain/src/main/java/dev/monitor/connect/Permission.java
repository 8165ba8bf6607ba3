package dev.monitor.connect;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Connect app asks of the accounts it is authorized for, as Twilio names it: {@code get-all} reads the account's
 * Monitor data, {@code post-all} records and changes it. Each is granted on its own, as in Twilio.
 */
public enum Permission {
    GET_ALL("read its events, alerts, alarms, usage and deliveries"),
    POST_ALL("record events and alerts, and manage alarms and usage triggers");

    private final String allows;

    Permission(String allows) {
        this.allows = allows;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the permission lets the app do in its account, in words. */
    public String allows() {
        return allows;
    }

    /** The permissions, unmodifiable, in their declared order (as they are listed). */
    public static Set<Permission> setOf(Collection<Permission> permissions) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        set.addAll(permissions);
        return Collections.unmodifiableSet(set);
    }

    /** The permissions as a line of text, in their declared order: {@code get-all,post-all}. */
    public static String written(Set<Permission> permissions) {
        return String.join(
                ",", setOf(permissions).stream().map(Permission::wireName).toList());
    }

    public static Optional<Permission> fromWire(String value) {
        return Arrays.stream(values())
                .filter(permission -> permission.wireName().equals(value))
                .findFirst();
    }
}
