package dev.monitor.local;

/**
 * An invocation that Lambda itself failed, with Lambda's error type and message: the Invoke API refused it (a throttle,
 * an event over the payload limit), or the function ran and its answer broke a limit. Whoever invoked sees it as it
 * sees a handler's exception: API Gateway answers its 500, a poller retries.
 */
final class LambdaError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private LambdaError(String type, String message) {
        super(type + ": " + message);
    }

    /** Beyond the function's reserved concurrency: the Invoke API's 429, before anything runs. */
    static LambdaError throttled(String function, int reservedConcurrency) {
        return new LambdaError(
                "TooManyRequestsException",
                "Rate Exceeded. (ReservedFunctionConcurrentInvocationLimitExceeded: " + function + " has "
                        + reservedConcurrency + " reserved)");
    }

    /** The Invoke API's 413 for an event over the synchronous payload limit, before anything runs. */
    static LambdaError requestTooLarge(int limit) {
        return new LambdaError(
                "RequestEntityTooLargeException",
                "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
    }

    /** The function's answer over the synchronous payload limit: the invocation fails after it ran. */
    static LambdaError responseTooLarge(int size, int limit) {
        return new LambdaError(
                "Function.ResponseSizeTooLarge",
                "Response payload size (" + size + " bytes) exceeded maximum allowed payload size (" + limit
                        + " bytes).");
    }
}
