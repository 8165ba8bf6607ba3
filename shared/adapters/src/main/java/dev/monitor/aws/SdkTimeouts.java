package dev.monitor.aws;

import dev.monitor.errors.DomainException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How long an SDK call may take, retries included, for every client a function builds. Each attempt is cut off after
 * {@link #ATTEMPT}, a call after {@link #CALL} or sooner when the invocation's {@link CallBudget} ends first, so a call
 * always returns inside the shortest function timeout (the api's 29 s) with time left to answer. A call that fails for
 * lack of capacity (throttling, a 5xx after every retry, the time running out) is told apart by {@link #unavailable}.
 */
public final class SdkTimeouts {
    /**
     * One HTTP exchange: DynamoDB answers in milliseconds, a 100-item transaction in well under a second; DynamoDB
     * Local on a loaded machine took over 4 s for one, which is why it is this long.
     */
    static final Duration ATTEMPT = Duration.ofSeconds(8);
    /** One call with its retries, when no invocation budget is open; under one, what is left of it if less. */
    static final Duration CALL = Duration.ofSeconds(20);
    /** Below this, a call is not started at all: it could not finish. */
    static final Duration SHORTEST_CALL = Duration.ofMillis(100);

    static final int MAX_ATTEMPTS = 5;

    private SdkTimeouts() {}

    /** {@code overrides} with the retry strategy, the timeouts and the budget's interceptor added. */
    public static ClientOverrideConfiguration applyTo(ClientOverrideConfiguration overrides) {
        return overrides.toBuilder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        // Full jitter: callers throttled together come back apart.
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1)))
                        .throttlingBackoffStrategy(
                                BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                        .build())
                .apiCallAttemptTimeout(ATTEMPT)
                .apiCallTimeout(CALL)
                .addExecutionInterceptor(new BudgetInterceptor())
                .build();
    }

    /**
     * The domain's error for a call that failed for lack of capacity or time (throttling, a 5xx after every retry, a
     * timeout, a lost connection), for the edge to answer; empty for any other failure. The SDK lets an interceptor
     * replace an exception only with one of the same class, so the translation is asked for where failures are caught.
     */
    public static Optional<DomainException.Unavailable> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException.Unavailable unavailable) {
                return Optional.of(unavailable);
            }
            if (isCapacityFailure(cause)) {
                return Optional.of(new DomainException.Unavailable(
                        "The service is busy: storage did not answer in time; try again shortly",
                        CallBudget.RETRY_AFTER));
            }
        }
        return Optional.empty();
    }

    /** Whether a failed call failed for lack of capacity or time, rather than for what it asked. */
    static boolean isCapacityFailure(Throwable error) {
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (error instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return error instanceof SdkClientException && error.getCause() instanceof IOException;
    }

    /** Cuts each call to what is left of the invocation's budget. */
    private static final class BudgetInterceptor implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            Optional<Duration> left = CallBudget.remaining();
            if (left.isEmpty() || !(context.request() instanceof AwsRequest request)) {
                return context.request();
            }
            if (left.get().compareTo(SHORTEST_CALL) < 0) {
                throw CallBudget.exhausted("the time for this request ran out");
            }
            Duration call = left.get().compareTo(CALL) < 0 ? left.get() : CALL;
            Duration attempt = call.compareTo(ATTEMPT) < 0 ? call : ATTEMPT;
            AwsRequestOverrideConfiguration.Builder override = request.overrideConfiguration()
                    .map(AwsRequestOverrideConfiguration::toBuilder)
                    .orElseGet(AwsRequestOverrideConfiguration::builder);
            return request.toBuilder()
                    .overrideConfiguration(override.apiCallTimeout(call)
                            .apiCallAttemptTimeout(attempt)
                            .build())
                    .build();
        }
    }
}
