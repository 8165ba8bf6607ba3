package dev.monitor.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where there is no KMS (the local stack): AES-256-GCM under a key the local stack generates, bound
 * to the account and purpose by the associated data.
 */
public final class LocalKeySecretSealer implements SecretSealer {
    private final SecretBox box;

    public LocalKeySecretSealer(byte[] key) {
        this.box = new SecretBox(key);
    }

    @Override
    public byte[] seal(String accountSid, Purpose purpose, String secret) {
        return box.seal(
                secret.getBytes(StandardCharsets.UTF_8),
                purpose.associatedData(accountSid).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String accountSid, Purpose purpose, byte[] sealed) {
        return box.open(sealed, purpose.associatedData(accountSid).getBytes(StandardCharsets.UTF_8))
                .map(plain -> new String(plain, StandardCharsets.UTF_8))
                .orElseThrow(() ->
                        new IllegalStateException("A sealed secret of " + accountSid + " does not open with this key"));
    }
}
