package dev.monitor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The operator key and the auth-token sealing key of a local stack. */
final class LocalSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SEALING_KEY_FILE = "auth-token-sealing-key";

    private LocalSecrets() {}

    static String newOperatorKey() {
        return "mok_" + HexFormat.of().formatHex(randomBytes(20));
    }

    /** What the template's OperatorKeySha256 parameter holds: the lowercase hex SHA-256 of the key. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * 32 random bytes, base64. Kept in the data directory when there is one: tokens sealed before a restart must
     * still open after it.
     */
    static String sealingKey(Path dataDir) {
        String fresh = Base64.getEncoder().encodeToString(randomBytes(32));
        if (dataDir == null) {
            return fresh;
        }
        Path file = dataDir.resolve(SEALING_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            Files.writeString(file, fresh);
            restrictToOwner(file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the sealing key in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's own permissions apply.
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
