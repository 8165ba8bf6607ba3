package dev.monitor.accounts;

import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import dev.monitor.ids.Sids;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Twilio's API keys: a key and secret that authenticate as the account that made them. */
public final class ApiKeyService {
    private final ApiKeyStore keys;
    private final AccountStore accounts;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore keys, AccountStore accounts, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.clock = clock;
    }

    public NewApiKey create(Account account, Optional<String> friendlyName) {
        account.checkWritable();
        String name = friendlyName.orElse("");
        if (name.length() > AccountService.MAX_FRIENDLY_NAME_LENGTH) {
            throw new DomainException.Invalid(
                    "FriendlyName must be at most " + AccountService.MAX_FRIENDLY_NAME_LENGTH + " characters");
        }
        String secret = Secrets.randomHex(16);
        Instant now = clock.instant();
        ApiKey key = new ApiKey(Sids.random("SK"), account.sid(), name, Secrets.sha256Hex(secret), now, now);
        keys.create(key);
        return new NewApiKey(key, secret);
    }

    /** The account a key and secret act for, if it and its main account are active. */
    public Optional<Account> authenticate(String keySid, String secret) {
        if (!Sids.isSid("SK", keySid)) {
            return Optional.empty();
        }
        return keys.find(keySid)
                .filter(key -> Secrets.matchesSha256(secret, key.secretSha256()))
                .flatMap(key -> accounts.find(key.accountSid()))
                .filter(Account::active);
    }

    public ApiKey fetch(Account account, String keySid) {
        return Optional.of(keySid)
                .filter(sid -> Sids.isSid("SK", sid))
                .flatMap(keys::find)
                .filter(key -> key.accountSid().equals(account.sid()))
                .orElseThrow(() ->
                        new DomainException.NotFound("The requested resource /Keys/" + keySid + " was not found"));
    }

    public Page<ApiKey> list(Account account, int pageSize, Optional<String> cursor) {
        return keys.list(account.sid(), pageSize, cursor);
    }

    /** Sets the name alone, in one write: a rename never puts back what a concurrent change replaced. */
    public ApiKey rename(Account account, String keySid, String friendlyName) {
        account.checkWritable();
        ApiKey key = fetch(account, keySid);
        if (friendlyName.length() > AccountService.MAX_FRIENDLY_NAME_LENGTH) {
            throw new DomainException.Invalid(
                    "FriendlyName must be at most " + AccountService.MAX_FRIENDLY_NAME_LENGTH + " characters");
        }
        return keys.rename(key.sid(), friendlyName, clock.instant())
                .orElseThrow(() ->
                        new DomainException.NotFound("The requested resource /Keys/" + keySid + " was not found"));
    }

    public void delete(Account account, String keySid) {
        account.checkWritable();
        keys.delete(fetch(account, keySid));
    }
}
