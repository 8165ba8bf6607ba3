package dev.monitor.api;

import dev.monitor.errors.DomainException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Refuses names a client misspelt (a query parameter, a form field), which would otherwise pass as if not sent. */
final class UnknownNames {
    private UnknownNames() {}

    /** A 400 naming the first of {@code sent} that is not {@code known}, and the nearest known name. */
    static void refuse(String kind, Set<String> sent, Set<String> known) {
        for (String name : sent) {
            if (!known.contains(name)) {
                String nearest = known.stream()
                        .min(Comparator.comparingInt(candidate -> distance(name, candidate)))
                        .orElseThrow();
                throw new DomainException.Invalid("Unknown " + kind + " '" + name + "'"
                        + (distance(name, nearest) <= 3 ? "; did you mean '" + nearest + "'?" : "")
                        + " Known here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The Levenshtein distance, ignoring case. */
    private static int distance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
