package dev.monitor.kms;

import dev.monitor.crypto.SecretSealer;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * On AWS: KMS encrypts the secret directly (each is far under KMS's 4 KB limit), with the account
 * and purpose as encryption context.
 */
public final class KmsSecretSealer implements SecretSealer {
    private final KmsClient kms;
    private final String keyId;

    public KmsSecretSealer(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] seal(String accountSid, Purpose purpose, String secret) {
        return kms.encrypt(request -> request.keyId(keyId)
                        .plaintext(SdkBytes.fromString(secret, StandardCharsets.UTF_8))
                        .encryptionContext(purpose.encryptionContext(accountSid)))
                .ciphertextBlob()
                .asByteArray();
    }

    @Override
    public String open(String accountSid, Purpose purpose, byte[] sealed) {
        return kms.decrypt(request -> request.keyId(keyId)
                        .ciphertextBlob(SdkBytes.fromByteArray(sealed))
                        .encryptionContext(purpose.encryptionContext(accountSid)))
                .plaintext()
                .asUtf8String();
    }
}
