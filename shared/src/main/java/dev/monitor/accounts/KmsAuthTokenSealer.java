package dev.monitor.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * On AWS: KMS encrypts the token directly (it is far under KMS's 4 KB limit), bound to the account
 * by the encryption context, so a sealed token copied to another account's item does not open.
 */
public final class KmsAuthTokenSealer implements AuthTokenSealer {
    private final KmsClient kms;
    private final String keyId;

    public KmsAuthTokenSealer(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public byte[] seal(String accountSid, String authToken) {
        return kms.encrypt(request -> request.keyId(keyId)
                        .plaintext(SdkBytes.fromString(authToken, StandardCharsets.UTF_8))
                        .encryptionContext(context(accountSid)))
                .ciphertextBlob().asByteArray();
    }

    @Override
    public String open(String accountSid, byte[] sealed) {
        return kms.decrypt(request -> request.keyId(keyId)
                        .ciphertextBlob(SdkBytes.fromByteArray(sealed))
                        .encryptionContext(context(accountSid)))
                .plaintext().asUtf8String();
    }

    private static Map<String, String> context(String accountSid) {
        return Map.of("account_sid", accountSid);
    }
}
