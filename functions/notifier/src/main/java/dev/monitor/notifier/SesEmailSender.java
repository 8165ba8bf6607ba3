package dev.monitor.notifier;

import dev.monitor.notify.ErrorClass;
import dev.monitor.notify.NotificationJob;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** Email by SES v2 {@code SendEmail}, from the verified identity the template names, with a text and an HTML part. */
public final class SesEmailSender implements EmailSender {
    private static final String CHARSET = "UTF-8";

    private final SesV2Client ses;
    private final String sender;

    public SesEmailSender(SesV2Client ses, String sender) {
        this.ses = ses;
        this.sender = sender;
    }

    @Override
    public SendResult send(String to, NotificationJob.Email email) {
        try {
            SendEmailResponse response = ses.sendEmail(request -> request.fromEmailAddress(sender)
                    .destination(destination -> destination.toAddresses(to))
                    .content(content -> content.simple(message -> message.subject(
                                    subject -> subject.data(email.subject()).charset(CHARSET))
                            .body(body -> body.text(
                                            text -> text.data(email.text()).charset(CHARSET))
                                    .html(html -> html.data(email.html()).charset(CHARSET))))));
            return SendResult.sent("SES message " + response.messageId());
        } catch (TooManyRequestsException | LimitExceededException | SendingPausedException e) {
            return SendResult.error(SendResult.Verdict.RETRY, ErrorClass.EMAIL_UNAVAILABLE, message(e));
        } catch (SesV2Exception e) {
            // Throttling and SES's own failures may pass; every other refusal (rejected message,
            // unverified sender, suspended account, bad request) will not.
            boolean passing = e.isThrottlingException() || e.statusCode() >= 500;
            return SendResult.error(
                    passing ? SendResult.Verdict.RETRY : SendResult.Verdict.FAIL,
                    passing ? ErrorClass.EMAIL_UNAVAILABLE : ErrorClass.EMAIL_REJECTED,
                    message(e));
        } catch (SdkClientException e) {
            return SendResult.error(SendResult.Verdict.RETRY, ErrorClass.EMAIL_UNAVAILABLE, e.getMessage());
        }
    }

    private static String message(SesV2Exception e) {
        String code = e.awsErrorDetails() == null
                ? e.getClass().getSimpleName()
                : e.awsErrorDetails().errorCode();
        return code + ": "
                + (e.awsErrorDetails() == null
                        ? e.getMessage()
                        : e.awsErrorDetails().errorMessage());
    }
}
