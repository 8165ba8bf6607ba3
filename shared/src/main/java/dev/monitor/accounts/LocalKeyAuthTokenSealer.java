package dev.monitor.accounts;

import dev.monitor.crypto.SecretBox;
import java.nio.charset.StandardCharsets;

/**
 * Where there is no KMS (the local stack): AES-256-GCM under a key the local stack generates, bound
 * to the account by the associated data.
 */
public final class LocalKeyAuthTokenSealer implements AuthTokenSealer {
    private final SecretBox box;

    public LocalKeyAuthTokenSealer(byte[] key) {
        this.box = new SecretBox(key);
    }

    @Override
    public byte[] seal(String accountSid, String authToken) {
        return box.seal(authToken.getBytes(StandardCharsets.UTF_8), accountSid.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String accountSid, byte[] sealed) {
        return box.open(sealed, accountSid.getBytes(StandardCharsets.UTF_8))
                .map(plain -> new String(plain, StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("The sealed auth token of " + accountSid + " does not open with this key"));
    }
}
