package dev.monitor.dynamo.connect;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.connect.Authorization;
import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppProfile;
import dev.monitor.connect.Permission;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.Attributes;
import dev.monitor.jackson.NotificationJobs;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Connect app items, their keys and attributes spelled here only. An app is {@code pk = CN#<sid>, sk =
 * CONNECT_APP}, so that its authorize page finds it by its Sid alone, with {@code g1pk = CONNECT_APPS#<owner>} to list
 * an owner's apps in one Query of gsi1. An authorization is {@code pk = AC#<main account>, sk =
 * CONNECT_AUTHORIZATION#<app sid>}, beside its account's other items, so that an account's authorizations are one
 * Query and one of them one GetItem.
 */
final class ConnectAppCodec {
    static final String OWNER_INDEX = "gsi1";
    static final String AUTHORIZATION_PREFIX = "CONNECT_AUTHORIZATION#";
    private static final String APP_PREFIX = "CN#";
    private static final String APP_SORT_KEY = "CONNECT_APP";
    private static final String OWNER_PREFIX = "CONNECT_APPS#";

    private ConnectAppCodec() {}

    static Map<String, AttributeValue> appKey(String sid) {
        return Map.of("pk", s(APP_PREFIX + sid), "sk", s(APP_SORT_KEY));
    }

    static String ownerKey(String ownerAccountSid) {
        return OWNER_PREFIX + ownerAccountSid;
    }

    /** The exclusive start key, in the owner index, of the app a cursor names. */
    static Map<String, AttributeValue> ownerStartKey(String ownerAccountSid, String sid) {
        Map<String, AttributeValue> key = new HashMap<>(appKey(sid));
        key.put("g1pk", s(ownerKey(ownerAccountSid)));
        return key;
    }

    /** The app Sid of an app item's key. */
    static String appSidOf(Map<String, AttributeValue> key) {
        return Attributes.string(key, "pk").substring(APP_PREFIX.length());
    }

    static Map<String, AttributeValue> authorizationKey(String accountSid, String connectAppSid) {
        return Map.of("pk", s(AccountPartition.of(accountSid)), "sk", s(AUTHORIZATION_PREFIX + connectAppSid));
    }

    /** The app Sid of an authorization item's key. */
    static String authorizedAppSidOf(Map<String, AttributeValue> key) {
        return Attributes.string(key, "sk").substring(AUTHORIZATION_PREFIX.length());
    }

    static Map<String, AttributeValue> appItem(ConnectApp app) {
        Map<String, AttributeValue> item = new HashMap<>(appKey(app.sid()));
        item.put("g1pk", s(ownerKey(app.ownerAccountSid())));
        item.put("sid", s(app.sid()));
        item.put("owner_account_sid", s(app.ownerAccountSid()));
        putProfile(item, "", app.profile());
        item.put("authorize_redirect_url", s(app.authorizeRedirectUrl()));
        app.deauthorizeCallbackUrl().ifPresent(url -> item.put("deauthorize_callback_url", s(url)));
        item.put("deauthorize_callback_method", s(app.deauthorizeCallbackMethod()));
        item.put("permissions", permissions(app.permissions()));
        item.put("date_created", s(app.dateCreated().toString()));
        item.put("date_updated", s(app.dateUpdated().toString()));
        return item;
    }

    static ConnectApp app(Map<String, AttributeValue> item) {
        return new ConnectApp(
                Attributes.string(item, "sid"),
                Attributes.string(item, "owner_account_sid"),
                profile(item, ""),
                Attributes.string(item, "authorize_redirect_url"),
                Attributes.optionalString(item, "deauthorize_callback_url"),
                Attributes.string(item, "deauthorize_callback_method"),
                permissions(item),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"));
    }

    /** An UpdateItem's expression and values. */
    record Update(String expression, Map<String, AttributeValue> values) {}

    /** An app that exists and is {@code :owner}'s. */
    static final String OWNED_BY = "attribute_exists(pk) AND owner_account_sid = :owner";

    static Map<String, AttributeValue> authorizationItem(Authorization authorization) {
        Map<String, AttributeValue> item =
                new HashMap<>(authorizationKey(authorization.accountSid(), authorization.connectAppSid()));
        item.put("account_sid", s(authorization.accountSid()));
        item.put("connect_app_sid", s(authorization.connectAppSid()));
        item.put("connect_app_account_sid", s(authorization.appAccountSid()));
        item.put("permissions", permissions(authorization.permissions()));
        putProfile(item, "connect_app_", authorization.profile());
        item.put("date_created", s(authorization.dateCreated().toString()));
        item.put("date_updated", s(authorization.dateUpdated().toString()));
        return item;
    }

    static Authorization authorization(Map<String, AttributeValue> item) {
        return new Authorization(
                Attributes.string(item, "account_sid"),
                Attributes.string(item, "connect_app_sid"),
                Attributes.string(item, "connect_app_account_sid"),
                permissions(item),
                profile(item, "connect_app_"),
                Attributes.instant(item, "date_created"),
                Attributes.instant(item, "date_updated"),
                Attributes.optionalString(item, "date_deauthorized").map(Instant::parse),
                Attributes.optionalString(item, "deauthorize_job").map(NotificationJobs::fromJson));
    }

    /** An authorization that stands: not deauthorized. */
    static final String IN_FORCE = "attribute_not_exists(date_deauthorized)";

    /** A new authorization's condition: none stands for the app (a deauthorized one is replaced). */
    static final String NONE_IN_FORCE = "attribute_not_exists(pk) OR attribute_exists(date_deauthorized)";

    /**
     * What deauthorizing writes on the authorization: when, the callback it queued, and when it may go; on condition,
     * {@code :account}, that it stands and made that account.
     */
    static Update deauthorization(
            Authorization authorization, Optional<String> callbackJob, Instant now, Instant keepUntil) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", s(now.toString()));
        values.put(":expires", Attributes.n(keepUntil.getEpochSecond()));
        values.put(":account", s(authorization.appAccountSid()));
        callbackJob.ifPresent(job -> values.put(":job", s(job)));
        return new Update(
                "SET date_deauthorized = :now, date_updated = :now, expires_at = :expires"
                        + (callbackJob.isPresent() ? ", deauthorize_job = :job" : ""),
                values);
    }

    static final String DEAUTHORIZABLE =
            "attribute_exists(pk) AND " + IN_FORCE + " AND connect_app_account_sid = :account";

    static AttributeValue permissions(Set<Permission> permissions) {
        return AttributeValue.fromSs(
                permissions.stream().map(Permission::wireName).toList());
    }

    private static Set<Permission> permissions(Map<String, AttributeValue> item) {
        return Permission.setOf(item.get("permissions").ss().stream()
                .map(Permission::fromWire)
                .flatMap(Optional::stream)
                .toList());
    }

    private static void putProfile(Map<String, AttributeValue> item, String prefix, ConnectAppProfile profile) {
        item.put(prefix + "friendly_name", s(profile.friendlyName()));
        profile.companyName().ifPresent(value -> item.put(prefix + "company_name", s(value)));
        profile.description().ifPresent(value -> item.put(prefix + "description", s(value)));
        profile.homepageUrl().ifPresent(value -> item.put(prefix + "homepage_url", s(value)));
    }

    private static ConnectAppProfile profile(Map<String, AttributeValue> item, String prefix) {
        return new ConnectAppProfile(
                Attributes.string(item, prefix + "friendly_name"),
                Attributes.optionalString(item, prefix + "company_name"),
                Attributes.optionalString(item, prefix + "description"),
                Attributes.optionalString(item, prefix + "homepage_url"));
    }
}
