package dev.monitor.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.NotificationJob;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** What an answer of SES makes of an email: sent, worth another attempt later, or failed at once. */
class SesEmailSenderTest {
    private static final NotificationJob.Email EMAIL =
            new NotificationJob.Email("[Monitor] Alarm fired", "Error 11200 count 12", "<p>Error 11200 count 12</p>");

    @Test
    void aSentEmailIsDeliveredWithSesMessageId() {
        SendResult result = sender(request ->
                        SendEmailResponse.builder().messageId("0100018f-abc").build())
                .send("oncall@example.com", EMAIL);
        assertEquals(SendResult.Verdict.DELIVERED, result.verdict());
        assertEquals("SES message 0100018f-abc", result.response());
    }

    @Test
    void throttlingIsRetried() {
        SendResult tooMany = failingWith(TooManyRequestsException.builder()
                .statusCode(429)
                .awsErrorDetails(details("TooManyRequestsException", "Too many requests"))
                .build());
        assertEquals(SendResult.Verdict.RETRY, tooMany.verdict());
        assertEquals(Optional.of(ErrorClass.EMAIL_UNAVAILABLE), tooMany.errorClass());
        assertEquals("TooManyRequestsException: Too many requests", tooMany.response());

        SendResult throttled = failingWith(SesV2Exception.builder()
                .statusCode(400)
                .awsErrorDetails(details("Throttling", "Maximum sending rate exceeded"))
                .build());
        assertEquals(SendResult.Verdict.RETRY, throttled.verdict());
        assertEquals(Optional.of(ErrorClass.EMAIL_UNAVAILABLE), throttled.errorClass());
    }

    @Test
    void sesOwnFailuresAndUnreachableSesAreRetried() {
        assertEquals(
                SendResult.Verdict.RETRY,
                failingWith(SesV2Exception.builder()
                                .statusCode(503)
                                .awsErrorDetails(details("ServiceUnavailable", "Service unavailable"))
                                .build())
                        .verdict());
        SendResult unreachable =
                failingWith(SdkClientException.create("Unable to execute HTTP request: connect timed out"));
        assertEquals(SendResult.Verdict.RETRY, unreachable.verdict());
        assertEquals(Optional.of(ErrorClass.EMAIL_UNAVAILABLE), unreachable.errorClass());
    }

    @Test
    void aRejectedMessageFailsAtOnce() {
        SendResult rejected = failingWith(MessageRejectedException.builder()
                .statusCode(400)
                .awsErrorDetails(details("MessageRejected", "Email address is not verified."))
                .build());
        assertEquals(SendResult.Verdict.FAIL, rejected.verdict());
        assertEquals(Optional.of(ErrorClass.EMAIL_REJECTED), rejected.errorClass());
        assertTrue(rejected.response().contains("Email address is not verified."), rejected.response());
    }

    private static SendResult failingWith(RuntimeException e) {
        return sender(request -> {
                    throw e;
                })
                .send("oncall@example.com", EMAIL);
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    /** SES answering every SendEmail with {@code answer}. */
    private static SesEmailSender sender(Function<SendEmailRequest, SendEmailResponse> answer) {
        return new SesEmailSender(
                new SesV2Client() {
                    @Override
                    public SendEmailResponse sendEmail(SendEmailRequest request) {
                        return answer.apply(request);
                    }

                    @Override
                    public String serviceName() {
                        return SERVICE_NAME;
                    }

                    @Override
                    public void close() {}
                },
                "notifications@monitor.example.com");
    }
}
