package dev.monitor.dynamo.connect;

import static dev.monitor.dynamo.Attributes.s;

import dev.monitor.accounts.Account;
import dev.monitor.audit.AuditEvent;
import dev.monitor.audit.ChangedMeanwhile;
import dev.monitor.connect.Authorization;
import dev.monitor.connect.ConnectApp;
import dev.monitor.connect.ConnectAppStore;
import dev.monitor.dynamo.AccountPartition;
import dev.monitor.dynamo.BatchReader;
import dev.monitor.dynamo.QueryPages;
import dev.monitor.dynamo.accounts.AccountCodec;
import dev.monitor.dynamo.events.AuditedWrites;
import dev.monitor.jackson.NotificationJobs;
import dev.monitor.notify.NotificationJob;
import dev.monitor.paging.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Connect apps and their authorizations in the items {@link ConnectAppCodec} spells. */
public final class DynamoConnectAppStore implements ConnectAppStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchReader reader;
    private final AuditedWrites audited;

    public DynamoConnectAppStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.reader = new BatchReader(dynamo, table);
        this.audited = new AuditedWrites(dynamo, table);
    }

    @Override
    public void create(ConnectApp app, List<AuditEvent> audit) {
        audited.create(ConnectAppCodec.appItem(app), audit);
    }

    @Override
    public Optional<ConnectApp> find(String sid) {
        return read(sid, false);
    }

    @Override
    public Optional<ConnectApp> findLatest(String sid) {
        return read(sid, true);
    }

    private Optional<ConnectApp> read(String sid, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(request -> request.tableName(table)
                        .key(ConnectAppCodec.appKey(sid))
                        .consistentRead(consistent))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConnectAppCodec.app(item));
    }

    @Override
    public Map<String, ConnectApp> findAll(Collection<String> sids) {
        Map<String, ConnectApp> apps = new HashMap<>();
        reader.getAll(sids.stream().distinct().map(ConnectAppCodec::appKey).toList())
                .values()
                .forEach(item -> {
                    ConnectApp app = ConnectAppCodec.app(item);
                    apps.put(app.sid(), app);
                });
        return apps;
    }

    @Override
    public Page<ConnectApp> list(String ownerAccountSid, int pageSize, Optional<String> cursor) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName(ConnectAppCodec.OWNER_INDEX)
                .keyConditionExpression("g1pk = :owner")
                .expressionAttributeValues(Map.of(":owner", s(ConnectAppCodec.ownerKey(ownerAccountSid))))
                .build();
        return new QueryPages<>(
                        dynamo,
                        ConnectAppCodec::appSidOf,
                        sid -> ConnectAppCodec.ownerStartKey(ownerAccountSid, sid),
                        ConnectAppCodec::app)
                .read(query, true, pageSize, cursor);
    }

    @Override
    public void update(ConnectApp changed, Instant replacing, List<AuditEvent> audit) {
        Put put = Put.builder()
                .tableName(table)
                .item(ConnectAppCodec.appItem(changed))
                .conditionExpression(ConnectAppCodec.OWNED_BY + " AND date_updated = :replacing")
                .expressionAttributeValues(
                        Map.of(":owner", s(changed.ownerAccountSid()), ":replacing", s(replacing.toString())))
                .build();
        if (!audited.write(TransactWriteItem.builder().put(put).build(), audit)) {
            throw new ChangedMeanwhile();
        }
    }

    @Override
    public boolean delete(String ownerAccountSid, String sid, List<AuditEvent> audit) {
        Delete delete = Delete.builder()
                .tableName(table)
                .key(ConnectAppCodec.appKey(sid))
                .conditionExpression(ConnectAppCodec.OWNED_BY)
                .expressionAttributeValues(Map.of(":owner", s(ownerAccountSid)))
                .build();
        return audited.write(TransactWriteItem.builder().delete(delete).build(), audit);
    }

    @Override
    public boolean authorize(Account appAccount, Authorization authorization, List<AuditEvent> audit) {
        OptionalInt failed = audited.write(
                List.of(
                        TransactWriteItem.builder()
                                .put(put -> put.tableName(table)
                                        .item(AccountCodec.item(appAccount))
                                        .conditionExpression("attribute_not_exists(pk)"))
                                .build(),
                        TransactWriteItem.builder()
                                .put(put -> put.tableName(table)
                                        .item(ConnectAppCodec.authorizationItem(authorization))
                                        .conditionExpression(ConnectAppCodec.NONE_IN_FORCE))
                                .build()),
                audit);
        if (failed.isPresent() && failed.getAsInt() != 1) {
            throw new IllegalStateException("An account of the new account's random Sid exists already");
        }
        return failed.isEmpty();
    }

    @Override
    public Optional<Authorization> findAuthorization(String accountSid, String connectAppSid) {
        Map<String, AttributeValue> item = dynamo.getItem(request ->
                        request.tableName(table).key(ConnectAppCodec.authorizationKey(accountSid, connectAppSid)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConnectAppCodec.authorization(item));
    }

    @Override
    public Page<Authorization> listAuthorizations(String accountSid, int pageSize, Optional<String> cursor) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .filterExpression(ConnectAppCodec.IN_FORCE)
                .expressionAttributeValues(Map.of(
                        ":pk", s(AccountPartition.of(accountSid)), ":prefix", s(ConnectAppCodec.AUTHORIZATION_PREFIX)))
                .build();
        return new QueryPages<>(
                        dynamo,
                        ConnectAppCodec::authorizedAppSidOf,
                        sid -> ConnectAppCodec.authorizationKey(accountSid, sid),
                        ConnectAppCodec::authorization)
                .read(query, true, pageSize, cursor);
    }

    @Override
    public boolean deauthorize(
            Authorization authorization,
            Optional<NotificationJob> callback,
            Instant now,
            Instant keepUntil,
            List<AuditEvent> audit) {
        ConnectAppCodec.Update update =
                ConnectAppCodec.deauthorization(authorization, callback.map(NotificationJobs::toJson), now, keepUntil);
        return audited.write(
                        List.of(
                                TransactWriteItem.builder()
                                        .update(item -> item.tableName(table)
                                                .key(ConnectAppCodec.authorizationKey(
                                                        authorization.accountSid(), authorization.connectAppSid()))
                                                .updateExpression(update.expression())
                                                .conditionExpression(ConnectAppCodec.DEAUTHORIZABLE)
                                                .expressionAttributeValues(update.values()))
                                        .build(),
                                TransactWriteItem.builder()
                                        .update(AccountCodec.close(table, authorization.appAccountSid(), now))
                                        .build()),
                        audit)
                .isEmpty();
    }

    @Override
    public Grant grant(String mainAccountSid, String connectAppSid) {
        Map<String, AttributeValue> appKey = ConnectAppCodec.appKey(connectAppSid);
        Map<String, AttributeValue> authorizationKey = ConnectAppCodec.authorizationKey(mainAccountSid, connectAppSid);
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items =
                reader.getAll(List.of(appKey, authorizationKey));
        return new Grant(
                Optional.ofNullable(items.get(appKey)).map(ConnectAppCodec::app),
                Optional.ofNullable(items.get(authorizationKey)).map(ConnectAppCodec::authorization));
    }
}
