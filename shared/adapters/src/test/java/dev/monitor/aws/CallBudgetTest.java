package dev.monitor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.errors.DomainException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class CallBudgetTest {
    @Test
    void aRetryLoopGivesUpRatherThanSleepPastTheBudget() {
        // 2.1 s remaining less the 2 s reserve: 100 ms for calls, less than any late retry's backoff may take.
        long started = System.nanoTime();
        DomainException.Unavailable refused = assertThrows(
                DomainException.Unavailable.class,
                () -> CallBudget.within(2_100, () -> {
                    for (int retry = 1; ; retry++) {
                        CallBudget.backOffUnprocessed(retry, 100, "3 items stayed unwritten");
                    }
                }));
        assertTrue(refused.getMessage().contains("3 items stayed unwritten"), refused.getMessage());
        assertTrue(System.nanoTime() - started < Duration.ofMillis(150).toNanos(), "gave up inside the budget");
        assertEquals(Optional.empty(), CallBudget.remaining(), "the budget closes with the invocation");
    }

    @Test
    void aLoopWithoutABudgetStopsAfterItsRetries() {
        assertThrows(
                DomainException.Unavailable.class, () -> CallBudget.backOffUnprocessed(3, 2, "keys stayed unread"));
    }

    @Test
    void capacityFailuresBecomeUnavailableAndOthersDoNot() {
        ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .build())
                .build();
        assertTrue(SdkTimeouts.unavailable(throttled).isPresent());
        assertTrue(
                SdkTimeouts.unavailable(ApiCallTimeoutException.create(10_000)).isPresent());
        assertTrue(SdkTimeouts.unavailable(ConditionalCheckFailedException.builder()
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("ConditionalCheckFailedException")
                                .build())
                        .build())
                .isEmpty());
        assertTrue(SdkTimeouts.unavailable(new IllegalStateException("a bug")).isEmpty());
    }
}
