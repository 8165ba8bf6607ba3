package dev.monitor.aws;

import java.security.SecureRandom;

/**
 * The random fraction that spreads retries and backoffs. Not ThreadLocalRandom: its threads' seeds derive from one seed
 * made at class init, which SnapStart would restore alike in every copy, so throttled copies would retry in step.
 * Lambda reseeds SecureRandom in each restored copy.
 */
public final class Jitter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Jitter() {}

    /** A fraction in [0, 1). */
    public static double next() {
        return RANDOM.nextDouble();
    }
}
