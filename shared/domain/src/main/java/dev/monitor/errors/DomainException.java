package dev.monitor.errors;

import java.time.Duration;
import java.util.List;

/**
 * A failure the caller can act on, in the domain's own terms: what was wrong, never how a protocol says so. The api's
 * error mapping alone turns each kind into an HTTP status and Twilio's error code.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.Invalid,
                DomainException.Unauthenticated,
                DomainException.Forbidden,
                DomainException.AccountInactive,
                DomainException.NotFound,
                DomainException.Conflict,
                DomainException.TooManyRequests,
                DomainException.Unavailable {

    private DomainException(String message) {
        // No stack trace: these are answers, not faults.
        super(message, null, false, false);
    }

    /** The request or one of its fields is not acceptable; {@code fieldErrors} names each field, where known. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> fieldErrors;

        public Invalid(String message) {
            this(message, List.of());
        }

        private Invalid(String message, List<FieldError> fieldErrors) {
            super(message);
            this.fieldErrors = List.copyOf(fieldErrors);
        }

        /** One message that names every field error. */
        public static Invalid fields(List<FieldError> errors) {
            return new Invalid(
                    "Invalid request: "
                            + String.join(
                                    "; ",
                                    errors.stream().map(FieldError::describe).toList()),
                    errors);
        }

        public List<FieldError> fieldErrors() {
            return fieldErrors;
        }
    }

    /** The credentials are missing, wrong, or belong to an account that may not act. */
    public static final class Unauthenticated extends DomainException {
        public Unauthenticated() {
            super("Authenticate");
        }
    }

    /** The caller is known, and may not do this. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The account acted on is suspended or closed (or its main account is): it can be read, not changed. */
    public static final class AccountInactive extends DomainException {
        public AccountInactive(String accountSid) {
            super("Account " + accountSid + " is not active: a suspended or closed account takes no changes");
        }
    }

    /** Nothing the caller may see has that identity. */
    public static final class NotFound extends DomainException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request contradicts the state it would change (a reused key, a delivery that is not failed). */
    public static final class Conflict extends DomainException {
        public Conflict(String message) {
            super(message);
        }
    }

    /**
     * The caller's account asked more, or more at once, than its limit allows; nothing of the request is kept, and it
     * may come again after {@code retryAfter}.
     */
    public static final class TooManyRequests extends DomainException {
        private final Duration retryAfter;

        public TooManyRequests(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /**
     * The service cannot answer now, though the request may be fine: storage is throttled or failing, or the time the
     * call had ran out. Nothing of the request is kept; trying again after {@code retryAfter} may succeed.
     */
    public static final class Unavailable extends DomainException {
        private final Duration retryAfter;

        public Unavailable(String message, Duration retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
