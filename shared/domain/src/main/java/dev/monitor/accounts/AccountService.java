package dev.monitor.accounts;

import dev.monitor.audit.Actor;
import dev.monitor.audit.AuditTrail;
import dev.monitor.audit.AuditedChange;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.audit.MonitorEventTypes;
import dev.monitor.audit.PropertyChange;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import dev.monitor.errors.FieldError;
import dev.monitor.ids.Sids;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating, finding and listing accounts, and deciding whose data a caller may touch. */
public final class AccountService {
    public static final int MAX_FRIENDLY_NAME_LENGTH = 64;

    private final AccountStore store;
    private final AuthTokenSealer sealer;
    private final AuditTrail audit;
    private final Clock clock;

    public AccountService(AccountStore store, AuthTokenSealer sealer, AuditTrail audit, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
    }

    public NewAccount createMainAccount(Actor actor, String friendlyName) {
        return create(actor, friendlyName, Optional.empty());
    }

    /** The subaccount's creation is an event of its own log, which its main account reads as any of it. */
    public NewAccount createSubaccount(Account owner, Actor actor, Optional<String> friendlyName) {
        if (owner.isSubaccount()) {
            throw new DomainException.Forbidden("A subaccount cannot create subaccounts");
        }
        owner.checkWritable();
        Instant now = clock.instant();
        return create(actor, friendlyName.orElse("SubAccount Created at " + now), Optional.of(owner.sid()));
    }

    private NewAccount create(Actor actor, String friendlyName, Optional<String> owner) {
        NewAccount created = draft(friendlyName, owner, Optional.empty());
        Account account = created.account();
        store.create(account, audit.events(account.sid(), actor, creation(account), account.dateCreated()));
        return created;
    }

    /**
     * A subaccount of {@code main} made for a Connect app and named after it, not yet stored: the app's store creates
     * it in the same transaction as the authorization it is made for. Its auth token is shown to no one.
     */
    public NewAccount newConnectAppAccount(Account main, String friendlyName, String connectAppSid) {
        if (main.isSubaccount()) {
            throw new DomainException.Forbidden("Only a main account authorizes Connect apps");
        }
        return draft(friendlyName, Optional.of(main.sid()), Optional.of(connectAppSid));
    }

    /** The account's creation as its own log tells it. */
    public static AuditedChange creation(Account account) {
        String kind = account.connectAppSid().isPresent()
                ? "Connect app account '"
                : account.isSubaccount() ? "Subaccount '" : "Account '";
        return AuditedChange.of(
                        MonitorEventTypes.ACCOUNT_CREATED,
                        account.sid(),
                        kind + account.friendlyName() + "' was created")
                .with(new PropertyChange.Diff()
                        .created("friendly_name", account.friendlyName())
                        .created("status", account.status().wireName())
                        .created("owner_account_sid", account.ownerAccountSid())
                        .created("connect_app_sid", account.connectAppSid()));
    }

    private NewAccount draft(String friendlyName, Optional<String> owner, Optional<String> connectAppSid) {
        checkFriendlyName(friendlyName);
        String sid = Sids.random("AC");
        String token = Secrets.randomHex(16);
        Instant now = clock.instant();
        Account account = new Account(
                sid,
                friendlyName,
                AccountStatus.ACTIVE,
                owner,
                Secrets.sha256Hex(token),
                sealer.seal(sid, token),
                now,
                now,
                AccountStatus.ACTIVE,
                connectAppSid);
        return new NewAccount(account, token);
    }

    /**
     * Twilio's account update: any account may rename itself or its subaccounts; only a main account
     * changes a subaccount's status, and a closed account stays closed and takes no change. A main account's new status
     * reaches its subaccounts: suspended or closed, their credentials stop working too; active again,
     * they work as before. Stopping them comes before the main account's own write and restoring them
     * after it, so a failure half-way leaves the family more stopped than asked, never less, and
     * asking again finishes it. The change is an event of the account's log, written with it; it builds on the account
     * as it is, read again when another change came first, so concurrent changes of the name and the status both
     * stand.
     */
    public Account update(
            Caller caller,
            Actor actor,
            String accountSid,
            Optional<String> friendlyName,
            Optional<AccountStatus> status) {
        Account visible = visibleTo(caller, accountSid);
        friendlyName.ifPresent(AccountService::checkFriendlyName);
        Optional<AccountStatus> changedStatus = status.filter(wanted -> wanted != visible.status());
        if (visible.status() == AccountStatus.CLOSED) {
            if (changedStatus.isPresent()) {
                throw new DomainException.Invalid("A closed account cannot be reopened");
            }
            throw new DomainException.AccountInactive(visible.sid());
        }
        if (changedStatus.isPresent()) {
            boolean byOwner = caller instanceof Caller.Operator
                    || (caller instanceof Caller.AccountCaller accountCaller
                            && accountCaller.account().owns(visible));
            if (!byOwner) {
                throw new DomainException.Forbidden("Only the owner of a subaccount changes its status");
            }
        }
        boolean familyStatusChanges = !visible.isSubaccount() && changedStatus.isPresent();
        boolean stopping =
                changedStatus.filter(wanted -> wanted != AccountStatus.ACTIVE).isPresent();
        if (familyStatusChanges && stopping) {
            updateSubaccountsOwnerStatus(visible.sid(), changedStatus.get());
        }
        Account updated = ChangedMeanwhile.retry(() -> change(visible.sid(), actor, friendlyName, status));
        if (familyStatusChanges && !stopping) {
            updateSubaccountsOwnerStatus(visible.sid(), changedStatus.get());
        }
        return updated;
    }

    /** One attempt at an account's change, on the account as it is now. */
    private Account change(
            String accountSid, Actor actor, Optional<String> friendlyName, Optional<AccountStatus> status) {
        Account current = store.findLatest(accountSid).orElseThrow(() -> notFound(accountSid));
        if (current.status() == AccountStatus.CLOSED) {
            // Closed by another request meanwhile.
            throw new DomainException.AccountInactive(accountSid);
        }
        Instant now = clock.instant();
        Account changed = current.changed(
                friendlyName.orElse(current.friendlyName()),
                status.orElse(current.status()),
                ChangedMeanwhile.dateUpdated(current.dateUpdated(), now));
        PropertyChange.Diff diff = new PropertyChange.Diff()
                .property("friendly_name", current.friendlyName(), changed.friendlyName())
                .property(
                        "status", current.status().wireName(), changed.status().wireName());
        if (diff.isEmpty()) {
            return current;
        }
        String what = changed.status() == current.status()
                ? "renamed"
                : switch (changed.status()) {
                    case ACTIVE -> "made active again";
                    case SUSPENDED -> "suspended";
                    case CLOSED -> "closed";
                };
        String description = "Account '" + changed.friendlyName() + "' was " + what;
        store.update(
                changed,
                current.dateUpdated(),
                audit.events(
                        accountSid,
                        actor,
                        AuditedChange.of(MonitorEventTypes.ACCOUNT_UPDATED, accountSid, description)
                                .with(diff),
                        now));
        return changed;
    }

    private void updateSubaccountsOwnerStatus(String mainAccountSid, AccountStatus status) {
        familySids(mainAccountSid).stream()
                .filter(sid -> !sid.equals(mainAccountSid))
                .forEach(sid -> store.updateOwnerStatus(sid, status));
    }

    private static void checkFriendlyName(String friendlyName) {
        if (friendlyName == null || friendlyName.isBlank() || friendlyName.length() > MAX_FRIENDLY_NAME_LENGTH) {
            throw new DomainException.Invalid("FriendlyName must be 1 to " + MAX_FRIENDLY_NAME_LENGTH + " characters");
        }
    }

    /** The account whose credentials these are, if they are right and it and its main account are active. */
    public Optional<Account> authenticate(String accountSid, String authToken) {
        if (!Sids.isSid("AC", accountSid)) {
            return Optional.empty();
        }
        return store.find(accountSid)
                .filter(Account::active)
                .filter(account -> Secrets.matchesSha256(authToken, account.authTokenSha256()));
    }

    /** The account with this Sid, whoever may see it. */
    public Optional<Account> find(String accountSid) {
        return Sids.isSid("AC", accountSid) ? store.find(accountSid) : Optional.empty();
    }

    /** Whether the account is of the caller's own family as the caller sees it: itself or one of its subaccounts. */
    public static boolean isVisible(Caller caller, Account account) {
        return !(caller instanceof Caller.AccountCaller accountCaller)
                || accountCaller.account().sid().equals(account.sid())
                || accountCaller.account().owns(account);
    }

    /** An account the caller may see: its own, or one of its subaccounts. Anything else is "not found". */
    public Account visibleTo(Caller caller, String accountSid) {
        return find(accountSid).filter(account -> isVisible(caller, account)).orElseThrow(() -> notFound(accountSid));
    }

    /** What a caller is told of an account it may not see, or that does not exist: the same. */
    public static DomainException.NotFound notFound(String accountSid) {
        return new DomainException.NotFound("The requested resource /Accounts/" + accountSid + " was not found");
    }

    /**
     * The account of each item of a batch: the one it names, or the caller's. Only the caller's own
     * family may be named, and the operator must name one; every problem is collected into one 400.
     *
     * @param activity what the items do, for the message, such as "records events"
     */
    public List<Account> ownersOf(Caller caller, List<Optional<String>> named, String activity) {
        return ownersOf(caller, Optional.empty(), named, activity);
    }

    /**
     * The account of each item of a batch, as {@link #ownersOf(Caller, List, String)}, where an item that names none
     * is the {@code selected} account's (the request's {@code AccountSid}, which the caller was found to reach), and
     * one that names the selected account is too.
     */
    public List<Account> ownersOf(
            Caller caller, Optional<Account> selected, List<Optional<String>> named, String activity) {
        Map<String, Account> cache = new HashMap<>();
        selected.ifPresent(account -> cache.put(account.sid(), account));
        List<Account> owners = new ArrayList<>(named.size());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            int index = named.size() > 1 ? i : -1;
            if (named.get(i).isEmpty()) {
                if (selected.isPresent()) {
                    owners.add(selected.get());
                } else if (caller instanceof Caller.AccountCaller accountCaller) {
                    owners.add(accountCaller.account());
                } else {
                    errors.add(new FieldError(index, "account_sid", "is required when the operator " + activity));
                    owners.add(null);
                }
                continue;
            }
            String sid = named.get(i).get();
            Account owner = cache.computeIfAbsent(sid, key -> {
                try {
                    return visibleTo(caller, key);
                } catch (DomainException.NotFound e) {
                    return null;
                }
            });
            if (owner == null) {
                errors.add(new FieldError(
                        index,
                        "account_sid",
                        "names " + sid + ", which is not this account or one of its subaccounts"));
            }
            owners.add(owner);
        }
        if (!errors.isEmpty()) {
            throw DomainException.Invalid.fields(errors);
        }
        owners.forEach(Account::checkWritable);
        return owners;
    }

    /** A main account's Sid first, then its subaccounts'. */
    private List<String> familySids(String mainAccountSid) {
        List<String> sids = new ArrayList<>(List.of(mainAccountSid));
        Optional<String> cursor = Optional.empty();
        do {
            Page<Account> page = store.listFamily(mainAccountSid, AccountFilter.NONE, 1000, cursor);
            page.items().stream()
                    .map(Account::sid)
                    .filter(sid -> !sid.equals(mainAccountSid))
                    .forEach(sids::add);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return sids;
    }

    public Page<Account> listFamily(Account caller, AccountFilter filter, int pageSize, Optional<String> cursor) {
        if (caller.isSubaccount()) {
            // A subaccount sees only itself, never its parent or siblings.
            return new Page<>(
                    filter.matches(caller) && cursor.isEmpty() ? List.of(caller) : List.of(), Optional.empty());
        }
        return store.listFamily(caller.sid(), filter, pageSize, cursor);
    }
}
