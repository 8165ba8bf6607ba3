package dev.monitor.accounts;

import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
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
    private final AuditTrail audit;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore keys, AccountStore accounts, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    public NewApiKey create(Account account, Actor actor, Optional<String> friendlyName) {
        account.checkWritable();
        String name = friendlyName.orElse("");
        if (name.length() > AccountService.MAX_FRIENDLY_NAME_LENGTH) {
            throw new DomainException.Invalid(
                    "FriendlyName must be at most " + AccountService.MAX_FRIENDLY_NAME_LENGTH + " characters");
        }
        String secret = Secrets.randomHex(16);
        Instant now = clock.instant();
        ApiKey key = new ApiKey(Sids.random("SK"), account.sid(), name, Secrets.sha256Hex(secret), now, now);
        AuditedChange created = AuditedChange.of(
                        MonitorEventTypes.API_KEY_CREATED, key.sid(), "API key '" + name + "' was created")
                .with(new PropertyChange.Diff().created("friendly_name", name));
        keys.create(key, audit.events(account.sid(), actor, created, now));
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
                .orElseThrow(() -> notFound(keySid));
    }

    public Page<ApiKey> list(Account account, int pageSize, Optional<String> cursor) {
        return keys.list(account.sid(), pageSize, cursor);
    }

    /** Sets the name, on the key as it is: a rename never puts back what a concurrent change replaced. */
    public ApiKey rename(Account account, Actor actor, String keySid, String friendlyName) {
        account.checkWritable();
        fetch(account, keySid);
        if (friendlyName.length() > AccountService.MAX_FRIENDLY_NAME_LENGTH) {
            throw new DomainException.Invalid(
                    "FriendlyName must be at most " + AccountService.MAX_FRIENDLY_NAME_LENGTH + " characters");
        }
        return ChangedMeanwhile.retry(() -> {
            ApiKey current = keys.findLatest(keySid).orElseThrow(() -> notFound(keySid));
            if (current.friendlyName().equals(friendlyName)) {
                return current;
            }
            Instant now = clock.instant();
            ApiKey renamed = new ApiKey(
                    current.sid(),
                    current.accountSid(),
                    friendlyName,
                    current.secretSha256(),
                    current.dateCreated(),
                    ChangedMeanwhile.dateUpdated(current.dateUpdated(), now));
            AuditedChange change = AuditedChange.of(
                            MonitorEventTypes.API_KEY_UPDATED,
                            keySid,
                            "API key '" + current.friendlyName() + "' was renamed '" + friendlyName + "'")
                    .with(new PropertyChange.Diff().property("friendly_name", current.friendlyName(), friendlyName));
            keys.rename(renamed, current.dateUpdated(), audit.events(account.sid(), actor, change, now));
            return renamed;
        });
    }

    public void delete(Account account, Actor actor, String keySid) {
        account.checkWritable();
        ApiKey key = fetch(account, keySid);
        AuditedChange deleted = AuditedChange.of(
                        MonitorEventTypes.API_KEY_DELETED,
                        key.sid(),
                        "API key '" + key.friendlyName() + "' was deleted")
                .with(new PropertyChange.Diff().property("friendly_name", key.friendlyName(), null));
        if (!keys.delete(key, audit.events(account.sid(), actor, deleted, clock.instant()))) {
            throw notFound(keySid);
        }
    }

    private static DomainException.NotFound notFound(String keySid) {
        return new DomainException.NotFound("The requested resource /Keys/" + keySid + " was not found");
    }
}
