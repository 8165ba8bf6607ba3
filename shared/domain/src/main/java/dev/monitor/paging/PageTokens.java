package dev.monitor.paging;

import dev.monitor.crypto.SecretBox;
import dev.monitor.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Page tokens are a store's cursor sealed with AES-GCM, bound to what the listing was for (the
 * account, the filters, the page). A client cannot read one, and an edited token, or one used for
 * another account or other filters, does not open.
 */
public final class PageTokens {
    private static final String PREFIX = "PT";
    private static final String KEY_NAME = "page-tokens";
    private final ServiceKeyStore keys;

    public PageTokens(ServiceKeyStore keys) {
        this.keys = keys;
    }

    /** Reads the key now (making it if no instance has yet), at init, so that no request waits for it. */
    public PageTokens withKeyLoaded() {
        keys.key(KEY_NAME);
        return this;
    }

    public String seal(String cursor, String binding) {
        byte[] sealed = box().seal(cursor.getBytes(StandardCharsets.UTF_8), binding.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    public String open(String token, String binding) {
        Optional<byte[]> cursor = Optional.empty();
        if (token.startsWith(PREFIX)) {
            try {
                cursor = box().open(
                                Base64.getUrlDecoder().decode(token.substring(PREFIX.length())),
                                binding.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                cursor = Optional.empty();
            }
        }
        return cursor.map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new DomainException.Invalid(
                        "PageToken is not valid for this list: use the next_page_url of the previous page"));
    }

    private SecretBox box() {
        return new SecretBox(keys.key(KEY_NAME));
    }
}
