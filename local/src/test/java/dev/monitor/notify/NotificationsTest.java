package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.twilio.security.RequestValidator;
import dev.monitor.ids.Sids;
import dev.monitor.jackson.Json;
import dev.monitor.notifier.RetrySchedule;
import dev.monitor.sqs.SqsNotificationQueue;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.CapturedLogs;
import dev.monitor.testing.Eventually;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import dev.monitor.testing.WebhookReceiver;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Notification jobs put on the queue as the alarm and usage features put them, delivered by the notifier of the local
 * stack.
 */
class NotificationsTest {
    private static final SqsClient SQS = RunningStack.get().sqs();
    private static final NotificationQueue QUEUE = new SqsNotificationQueue(SQS, queueUrl("NotificationsQueue"));

    @Test
    void aWebhookArrivesOnceSignedPerStandardWebhooksAndIsRecorded() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String secret =
                account.client().get("/v1/SigningSecret").json().get("secret").asText();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            NotificationJob job = webhookJob(account, receiver.url("/hooks/monitor"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            JsonNode delivery = awaitStatus(account, job.source().sid(), "delivered");

            WebhookReceiver.Received request = receiver.received().get(0);
            new Webhook(secret).verify(request.body(), HttpHeaders.of(request.headers(), (name, value) -> true));
            assertEquals(job.jobId(), request.header("webhook-id"));
            JsonNode body = Json.parse(request.body());
            assertEquals("alarm.triggered", body.get("type").asText());
            assertEquals(12, body.get("data").get("value").asInt());

            assertEquals(1, delivery.get("attempt_count").asInt());
            JsonNode fetched = account.client()
                    .get("/v1/Deliveries/" + delivery.get("sid").asText())
                    .json();
            JsonNode attempt = fetched.get("attempts").get(0);
            assertEquals(200, attempt.get("status_code").asInt());
            assertEquals("ok", attempt.get("response").asText());
            assertTrue(attempt.get("latency_ms").asLong() >= 0);

            // A producer that runs twice queues the same job: it is not sent again.
            try (CapturedLogs logs = CapturedLogs.start()) {
                QUEUE.enqueue(List.of(job));
                logs.await(
                        "the notifier to take the job again",
                        line -> job.jobId().equals(line.path("jobId").asText())
                                && "delivered".equals(line.path("status").asText()));
            }
            assertEquals(1, receiver.received().size());
            assertEquals(
                    1,
                    account.client()
                            .get("/v1/Deliveries/" + delivery.get("sid").asText())
                            .json()
                            .get("attempt_count")
                            .asInt());
        }
    }

    @Test
    void aReceiverThatRecoversGetsTheNotificationExactlyOnceAndEveryAttemptIsRecorded() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> n <= 2 ? 503 : 200)) {
            NotificationJob job = webhookJob(account, receiver.url("/flaky"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            JsonNode delivery = awaitStatus(account, job.source().sid(), "delivered");

            assertEquals(3, receiver.received().size());
            assertEquals(
                    1,
                    receiver.received().stream()
                            .map(WebhookReceiver.Received::body)
                            .distinct()
                            .count());
            JsonNode attempts = account.client()
                    .get("/v1/Deliveries/" + delivery.get("sid").asText())
                    .json()
                    .get("attempts");
            assertEquals(List.of(503, 503, 200), statusCodes(attempts));
            assertEquals("http_status", attempts.get(0).get("error_class").asText());
            assertTrue(attempts.get(2).get("error_class").isNull());
        }
    }

    @Test
    void aReceiverThatAlwaysFailsLeavesTheJobFailedInTheDeadLetterQueueUntilRetried() {
        TestAccount account = RunningStack.newAccount();
        boolean[] recovered = {false};
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> recovered[0] ? 200 : 500)) {
            NotificationJob job = webhookJob(account, receiver.url("/down"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            JsonNode delivery = awaitStatus(account, job.source().sid(), "failed");

            assertEquals(
                    RetrySchedule.parse(RunningStack.RETRY_SCHEDULE).attempts(),
                    receiver.received().size());
            assertEquals(3, delivery.get("attempt_count").asInt());
            assertEquals(500, delivery.get("last_status_code").asInt());
            String sid = delivery.get("sid").asText();
            assertEquals(
                    sid,
                    account.client()
                            .get("/v1/Deliveries?Status=failed")
                            .json()
                            .get("deliveries")
                            .get(0)
                            .get("sid")
                            .asText());
            assertTrue(inDeadLetterQueue(job.jobId()), "the job is in the dead-letter queue");

            recovered[0] = true;
            ApiClient.Response retried = account.client().postForm("/v1/Deliveries/" + sid + "/Retry", "");
            assertEquals(202, retried.status(), retried.text());
            assertEquals("pending", retried.json().get("status").asText());
            JsonNode redelivered = awaitStatus(account, job.source().sid(), "delivered");
            assertEquals(4, redelivered.get("attempt_count").asInt());
            assertEquals(4, receiver.received().size());

            ApiClient.Response again = account.client().postForm("/v1/Deliveries/" + sid + "/Retry", "");
            assertEquals(409, again.status(), again.text());
        }
    }

    @Test
    void aReceiverThatAnswersGoneGetsNothingMoreUntilADeliveryToItIsRetried() {
        TestAccount account = RunningStack.newAccount();
        boolean[] back = {false};
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> back[0] ? 200 : 410)) {
            String url = receiver.url("/gone");
            NotificationJob first = webhookJob(account, url, Sids.random("AL"));
            QUEUE.enqueue(List.of(first));
            assertEquals(
                    410,
                    awaitStatus(account, first.source().sid(), "failed")
                            .get("last_status_code")
                            .asInt());

            NotificationJob second = webhookJob(account, url, Sids.random("AL"));
            QUEUE.enqueue(List.of(second));
            JsonNode refused = awaitStatus(account, second.source().sid(), "failed");
            assertEquals("disabled_target", refused.get("last_error_class").asText());
            assertEquals(1, receiver.received().size());

            back[0] = true;
            ApiClient.Response retried = account.client()
                    .postForm("/v1/Deliveries/" + refused.get("sid").asText() + "/Retry", "");
            assertEquals(202, retried.status(), retried.text());
            awaitStatus(account, second.source().sid(), "delivered");
            NotificationJob third = webhookJob(account, url, Sids.random("AL"));
            QUEUE.enqueue(List.of(third));
            awaitStatus(account, third.source().sid(), "delivered");
            assertEquals(3, receiver.received().size(), "the URL is on again for every job");
        }
    }

    @Test
    void savingAnAlarmWithAURLItsReceiverDisabledTurnsItBackOn() {
        TestAccount account = RunningStack.newAccount();
        boolean[] back = {false};
        try (WebhookReceiver receiver = WebhookReceiver.answering(n -> back[0] ? 200 : 410)) {
            String alarm = """
                    {"friendlyName": "Gone", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(receiver.url("/gone-alarm"));
            ApiClient.Response created = account.client().postJson("/v2/Alarms", alarm);
            assertEquals(201, created.status(), created.text());
            String sid = created.json().get("sid").asText();
            assertEquals(
                    200,
                    account.client().postJson("/v2/Alarms/" + sid + "/Test", "").status());
            assertEquals(
                    "410",
                    awaitNewestDelivery(account, sid, 1, "failed")
                            .get("last_status_code")
                            .asText());
            back[0] = true;
            assertEquals(
                    200,
                    account.client().postJson("/v2/Alarms/" + sid + "/Test", "").status());
            assertEquals(
                    "disabled_target",
                    awaitNewestDelivery(account, sid, 2, "failed")
                            .get("last_error_class")
                            .asText());

            ApiClient.Response saved = account.client().send("PUT", "/v2/Alarms/" + sid, "application/json", alarm);
            assertEquals(200, saved.status(), saved.text());
            assertEquals(
                    200,
                    account.client().postJson("/v2/Alarms/" + sid + "/Test", "").status());
            awaitNewestDelivery(account, sid, 3, "delivered");
            assertEquals(2, receiver.received().size(), "the 410, then the test after the alarm was saved");
        }
    }

    @Test
    void aTwilioStyleCallbackIsFormEncodedAndPassesTwiliosRequestValidator() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String url = receiver.url("/usage?token=abc");
            Map<String, String> parameters = usageParameters(account, "calls");
            parameters.put("TriggerValue", "100");
            WebhookReceiver.Received request = deliverCallback(account, receiver, url, "POST", parameters);
            assertEquals("POST", request.method());
            assertTrue(request.header("content-type").startsWith("application/x-www-form-urlencoded"));
            Map<String, String> form = form(request.body());
            assertEquals(parameters, form);
            assertTrue(new RequestValidator(account.authToken())
                    .validate(url, form, request.header("x-twilio-signature")));
            assertTrue(!new RequestValidator("someone else's token")
                    .validate(url, form, request.header("x-twilio-signature")));
        }
    }

    @Test
    void aTwilioStyleGetCallbackCarriesItsParametersInTheQueryAndIsSignedOverTheFullUrl() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            String url = receiver.url("/usage?token=abc");
            Map<String, String> parameters = usageParameters(account, "monitor writes & reads");
            WebhookReceiver.Received request = deliverCallback(account, receiver, url, "GET", parameters);
            assertEquals("GET", request.method());
            assertEquals("", request.body());
            String received = receiver.url(request.uri());
            Map<String, String> query = form(URI.create(received).getRawQuery());
            assertEquals("abc", query.remove("token"));
            assertEquals(parameters, query);
            assertTrue(new RequestValidator(account.authToken())
                    .validate(received, Map.of(), request.header("x-twilio-signature")));
            assertTrue(!new RequestValidator("someone else's token")
                    .validate(received, Map.of(), request.header("x-twilio-signature")));
        }
    }

    private static Map<String, String> usageParameters(TestAccount account, String category) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", account.sid());
        parameters.put("UsageTriggerSid", Sids.random("UT"));
        parameters.put("CurrentValue", "105.5");
        parameters.put("UsageCategory", category);
        return parameters;
    }

    /**
     * Queues a usage trigger's Twilio-style callback, waits until it is delivered, and answers what the receiver got.
     */
    private static WebhookReceiver.Received deliverCallback(
            TestAccount account, WebhookReceiver receiver, String url, String method, Map<String, String> parameters) {
        NotificationJob job = job(
                account,
                url,
                new NotificationJob.Source(NotificationJob.SourceType.USAGE_TRIGGER, parameters.get("UsageTriggerSid")),
                new NotificationJob.TwilioCallback(method, parameters));
        QUEUE.enqueue(List.of(job));
        awaitStatus(account, job.source().sid(), "delivered");
        return receiver.received().get(0);
    }

    @Test
    void anEmailReachesSes() {
        TestAccount account = RunningStack.newAccount();
        String to = "oncall+" + account.sid() + "@example.com";
        String subject = "[Monitor] Alarm 'Too many 500s' fired " + account.sid();
        NotificationJob job = new NotificationJob(
                NotificationJob.jobId(Sids.random("AL"), NotificationJob.Channel.EMAIL, to),
                account.sid(),
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, Sids.random("AL")),
                NotificationJob.Channel.EMAIL,
                to,
                new NotificationJob.Email(
                        subject,
                        "Error 11200 count 12 > threshold 10",
                        "<p>Error 11200 count 12 &gt; threshold 10</p>"),
                Instant.now());
        QUEUE.enqueue(List.of(job));
        awaitStatus(account, job.source().sid(), "delivered");

        JsonNode email =
                Eventually.until("the email in the SES store", () -> emailWithSubject(subject), found -> found != null);
        assertEquals("notifications@monitor.localhost", email.get("from").asText());
        assertTrue(email.get("destination").toString().contains(to), email.toString());
        assertEquals(
                "Error 11200 count 12 > threshold 10",
                email.get("body").get("text").asText().trim());
        assertTrue(email.get("body").get("html").asText().contains("&gt; threshold 10"));
    }

    @Test
    void afterARotationBothSecretsSignForADay() throws Exception {
        TestAccount account = RunningStack.newAccount();
        JsonNode original = account.client().get("/v1/SigningSecret").json();
        String oldSecret = original.get("secret").asText();
        assertTrue(oldSecret.matches("whsec_[A-Za-z0-9+/]{43}="), oldSecret);
        assertTrue(original.get("date_rotated").isNull());
        assertEquals(
                oldSecret,
                account.client().get("/v1/SigningSecret").json().get("secret").asText());

        ApiClient.Response rotated = account.client().postForm("/v1/SigningSecret/Rotate", "");
        assertEquals(200, rotated.status(), rotated.text());
        String newSecret = rotated.json().get("secret").asText();
        assertNotEquals(oldSecret, newSecret);
        assertEquals(
                Instant.parse(rotated.json().get("date_rotated").asText())
                        .plusSeconds(86_400)
                        .toString(),
                rotated.json().get("previous_secret_expires").asText());

        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            NotificationJob job = webhookJob(account, receiver.url("/rotating"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            awaitStatus(account, job.source().sid(), "delivered");
            WebhookReceiver.Received request = receiver.received().get(0);
            assertEquals(2, request.header("webhook-signature").split(" ").length);
            HttpHeaders headers = HttpHeaders.of(request.headers(), (name, value) -> true);
            new Webhook(newSecret).verify(request.body(), headers);
            new Webhook(oldSecret).verify(request.body(), headers);
        }
    }

    @Test
    void deliveriesAreEachAccountsOwnAndBadFiltersAreRefused() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount stranger = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            NotificationJob job = webhookJob(owner, receiver.url("/mine"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            String sid = awaitStatus(owner, job.source().sid(), "delivered")
                    .get("sid")
                    .asText();

            assertEquals(404, stranger.client().get("/v1/Deliveries/" + sid).status());
            assertEquals(
                    0,
                    stranger.client()
                            .get("/v1/Deliveries")
                            .json()
                            .get("deliveries")
                            .size());
            assertEquals(
                    404,
                    stranger.client()
                            .postForm("/v1/Deliveries/" + sid + "/Retry", "")
                            .status());
            assertEquals(
                    1,
                    owner.client()
                            .get("/v1/Deliveries?Status=delivered")
                            .json()
                            .get("deliveries")
                            .size());
            assertEquals(
                    0,
                    owner.client()
                            .get("/v1/Deliveries?Status=failed")
                            .json()
                            .get("deliveries")
                            .size());

            ApiClient.Response badStatus = owner.client().get("/v1/Deliveries?Status=lost");
            assertEquals(400, badStatus.status());
            assertTrue(badStatus.json().get("message").asText().contains("Status"));
            assertEquals(
                    400, owner.client().get("/v1/Deliveries?SourceSid=nope").status());
        }
    }

    @Test
    void deliveriesPageNewestFirst() {
        TestAccount account = RunningStack.newAccount();
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            List<NotificationJob> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                jobs.add(webhookJob(account, receiver.url("/page/" + i), Sids.random("AL")));
            }
            QUEUE.enqueue(jobs);
            Eventually.until(
                    "three deliveries",
                    () -> account.client()
                            .get("/v1/Deliveries?Status=delivered")
                            .json()
                            .get("deliveries")
                            .size(),
                    count -> count == 3);
            JsonNode first = account.client().get("/v1/Deliveries?PageSize=2").json();
            assertEquals(2, first.get("deliveries").size());
            JsonNode second = account.client()
                    .getUrl(first.get("meta").get("next_page_url").asText())
                    .json();
            assertEquals(1, second.get("deliveries").size());
            assertNull(second.get("meta").get("next_page_url").textValue());
            List<String> sids = new ArrayList<>();
            first.get("deliveries")
                    .forEach(delivery -> sids.add(delivery.get("sid").asText()));
            sids.add(second.get("deliveries").get(0).get("sid").asText());
            assertEquals(sids.stream().sorted(Comparator.reverseOrder()).toList(), sids);
        }
    }

    @Test
    void aSuspendedAccountsJobIsNotSentAndWaitsForItsAccountNotForAnOperator() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        String path = "/2010-04-01/Accounts/" + sub.sid() + ".json";
        assertEquals(200, main.client().postForm(path, "Status=suspended").status());
        try (WebhookReceiver receiver = WebhookReceiver.ok()) {
            NotificationJob job = webhookJob(sub, receiver.url("/stopped"), Sids.random("AL"));
            QUEUE.enqueue(List.of(job));
            JsonNode delivery = Eventually.until(
                            "the suspended account's delivery",
                            () -> main.client()
                                    .get("/v1/Deliveries?SourceSid="
                                            + job.source().sid() + "&AccountSid=" + sub.sid())
                                    .json()
                                    .get("deliveries"),
                            deliveries -> deliveries.size() == 1
                                    && deliveries.get(0).get("status").asText().equals("failed"))
                    .get(0);
            assertEquals("account_inactive", delivery.get("last_error_class").asText());
            assertTrue(receiver.received().isEmpty(), "nothing was sent for the suspended account");
            assertTrue(!inDeadLetterQueue(job.jobId()), "an operator has nothing to do for a stopped account");
            // Its parent cannot send it again while the account is stopped, and can once it is active again.
            String retry = "/v1/Deliveries/" + delivery.get("sid").asText() + "/Retry?AccountSid=" + sub.sid();
            assertEquals(403, main.client().postForm(retry, "").status());
            assertEquals(200, main.client().postForm(path, "Status=active").status());
            assertEquals(202, main.client().postForm(retry, "").status());
            Eventually.until("the webhook once active", receiver::received, received -> received.size() == 1);
        }
    }

    static NotificationJob webhookJob(TestAccount account, String url, String alarmSid) {
        ObjectNode data = Json.object().put("alarm_sid", alarmSid).put("value", 12);
        return job(
                account,
                url,
                new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarmSid),
                new NotificationJob.StandardWebhook("alarm.triggered", Instant.now(), Json.raw(data)));
    }

    private static NotificationJob job(
            TestAccount account, String url, NotificationJob.Source source, NotificationJob.Content content) {
        return new NotificationJob(
                NotificationJob.jobId(source.sid() + "#" + Instant.now(), NotificationJob.Channel.WEBHOOK, url),
                account.sid(),
                source,
                NotificationJob.Channel.WEBHOOK,
                url,
                content,
                Instant.now());
    }

    private static JsonNode awaitStatus(TestAccount account, String sourceSid, String status) {
        return Eventually.until(
                        "a " + status + " delivery for " + sourceSid,
                        () -> account.client()
                                .get("/v1/Deliveries?SourceSid=" + sourceSid)
                                .json()
                                .get("deliveries"),
                        deliveries -> deliveries.size() == 1
                                && deliveries.get(0).get("status").asText().equals(status))
                .get(0);
    }

    /** Waits until the source has {@code count} deliveries, the newest of them {@code status}, and answers that one. */
    private static JsonNode awaitNewestDelivery(TestAccount account, String sourceSid, int count, String status) {
        return Eventually.until(
                        count + " deliveries for " + sourceSid + ", the newest " + status,
                        () -> account.client()
                                .get("/v1/Deliveries?SourceSid=" + sourceSid)
                                .json()
                                .get("deliveries"),
                        deliveries -> deliveries.size() == count
                                && deliveries.get(0).get("status").asText().equals(status))
                .get(0);
    }

    /**
     * Whether the dead-letter queue holds the job. Other tests' failed jobs are there too: each receive hides what it
     * got for a while, so the next one looks further.
     */
    private static boolean inDeadLetterQueue(String jobId) {
        String url = queueUrl("NotificationsDeadLetterQueue");
        List<Message> messages;
        do {
            messages = SQS.receiveMessage(request ->
                            request.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(30))
                    .messages();
            if (messages.stream().anyMatch(message -> message.body().contains(jobId))) {
                return true;
            }
        } while (!messages.isEmpty());
        return false;
    }

    private static List<Integer> statusCodes(JsonNode attempts) {
        List<Integer> codes = new ArrayList<>();
        attempts.forEach(attempt -> codes.add(attempt.get("status_code").asInt()));
        return codes;
    }

    private static JsonNode emailWithSubject(String subject) {
        for (JsonNode email : RunningStack.ses().store().get("emails")) {
            if (email.get("subject").asText().equals(subject)) {
                return email;
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String queueUrl(String name) {
        return RunningStack.get()
                .sqs()
                .getQueueUrl(request -> request.queueName(name))
                .queueUrl();
    }
}
