package dev.monitor.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Hashing and generating the service's secrets. The secrets are 128-bit or longer random values,
 * not passwords, so one SHA-256 is enough to store them: there is nothing to brute-force.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Compares a presented secret with a stored hash in time independent of where they differ. */
    public static boolean matchesSha256(String presented, String expectedSha256Hex) {
        byte[] expected = HexFormat.of().parseHex(expectedSha256Hex);
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)), expected);
    }
}
