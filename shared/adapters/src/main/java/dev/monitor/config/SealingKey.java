package dev.monitor.config;

import java.util.Base64;

/** What seals account secrets: a KMS key on AWS, or the AES key the local stack generates, which has no KMS. */
public sealed interface SealingKey {
    record Kms(String keyId) implements SealingKey {}

    record Local(byte[] aesKey) implements SealingKey {}

    static SealingKey from(Environment env) {
        return env.optional("MONITOR_AUTH_TOKEN_KMS_KEY_ID")
                .<SealingKey>map(Kms::new)
                .or(() -> env.optionalParsed("MONITOR_AUTH_TOKEN_SEALING_KEY", Base64.getDecoder()::decode)
                        .map(Local::new))
                .orElseThrow(() -> new IllegalStateException(
                        "Set MONITOR_AUTH_TOKEN_KMS_KEY_ID, or MONITOR_AUTH_TOKEN_SEALING_KEY on the local stack"));
    }
}
