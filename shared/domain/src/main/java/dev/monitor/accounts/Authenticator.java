package dev.monitor.accounts;

import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns an {@code Authorization} header into a {@link Caller}: {@code Bearer <operator key>} for the
 * operator, HTTP Basic {@code AccountSid:AuthToken} or {@code ApiKeySid:Secret} for an account. Anything else is a 401
 * that does not say which part was wrong.
 */
public final class Authenticator {
    private final AccountService accounts;
    private final ApiKeyService apiKeys;
    private final Optional<String> operatorKeySha256;

    public Authenticator(AccountService accounts, ApiKeyService apiKeys, Optional<String> operatorKeySha256) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.operatorKeySha256 = operatorKeySha256;
    }

    public Caller authenticate(Optional<String> authorization) {
        String header = authorization.map(String::trim).orElseThrow(DomainException.Unauthenticated::new);
        if (startsWithIgnoringCase(header, "Bearer ")) {
            String key = header.substring("Bearer ".length()).trim();
            if (operatorKeySha256.isPresent()
                    && !key.isEmpty()
                    && Secrets.matchesSha256(key, operatorKeySha256.get())) {
                return new Caller.Operator();
            }
            throw new DomainException.Unauthenticated();
        }
        if (startsWithIgnoringCase(header, "Basic ")) {
            String[] pair = decodeBasic(header.substring("Basic ".length()).trim());
            boolean viaApiKey = pair[0].startsWith("SK");
            Optional<Account> account =
                    viaApiKey ? apiKeys.authenticate(pair[0], pair[1]) : accounts.authenticate(pair[0], pair[1]);
            Optional<String> apiKeySid = viaApiKey ? Optional.of(pair[0]) : Optional.empty();
            return account.<Caller>map(found -> new Caller.AccountCaller(found, apiKeySid))
                    .orElseThrow(DomainException.Unauthenticated::new);
        }
        throw new DomainException.Unauthenticated();
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new DomainException.Unauthenticated();
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw new DomainException.Unauthenticated();
        }
    }

    private static boolean startsWithIgnoringCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
