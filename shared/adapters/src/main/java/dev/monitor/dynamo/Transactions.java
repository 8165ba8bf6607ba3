package dev.monitor.dynamo;

import dev.monitor.aws.CallBudget;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes items all together or not at all, in one TransactWriteItems: a failure, a timeout or a crash never leaves
 * part of them written. Its client request token (the SDK sets one per call) makes the SDK's own retries of it
 * idempotent; a transaction DynamoDB cancels for capacity or a conflicting transaction is tried again, with jittered
 * backoff inside the invocation's {@link CallBudget}.
 */
public final class Transactions {
    /** The most items TransactWriteItems takes. */
    public static final int MAX_ITEMS = 100;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final int MAX_RETRIES = 7;
    /** Cancellation reasons that say nothing about the items: the same transaction may succeed when tried again. */
    private static final Set<String> TRANSIENT_REASONS =
            Set.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private final DynamoDbClient dynamo;

    public Transactions(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /**
     * Writes every item or none; the index of the first item whose condition failed, when that cancelled it.
     *
     * @throws dev.monitor.errors.DomainException.Unavailable when DynamoDB refused it for capacity until the budget
     *     ran out
     */
    public OptionalInt write(List<TransactWriteItem> items) {
        if (items.isEmpty()) {
            return OptionalInt.empty();
        }
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(
                    items.size() + " items are more than one transaction takes (" + MAX_ITEMS + ")");
        }
        for (int retry = 1; ; retry++) {
            try {
                dynamo.transactWriteItems(request -> request.transactItems(items));
                return OptionalInt.empty();
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
                for (int i = 0; i < reasons.size(); i++) {
                    if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                        return OptionalInt.of(i);
                    }
                }
                boolean transientOnly = !reasons.isEmpty()
                        && reasons.stream()
                                .map(CancellationReason::code)
                                .allMatch(code ->
                                        code == null || code.equals("None") || TRANSIENT_REASONS.contains(code));
                if (!transientOnly) {
                    throw e;
                }
                CallBudget.backOffUnprocessed(retry, MAX_RETRIES, "the change could not be written");
            }
        }
    }
}
