package dev.monitor.alarms;

import static dev.monitor.alarms.AlarmFixtures.createAlarm;
import static dev.monitor.alarms.AlarmFixtures.recordAlerts;
import static dev.monitor.testing.TwilioErrors.assertError;
import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.alertcounter.AlertStreamHandler;
import dev.monitor.alerts.AlertCounterTest;
import dev.monitor.jackson.Json;
import dev.monitor.notify.NotificationJob;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.Polling;
import dev.monitor.testing.QueuedJobs;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlarmsApiTest {
    private static final String WEBHOOK = "http://127.0.0.1:9/alarms";

    private static int logCount(TestAccount account, String alarm) {
        return account.client()
                .get("/v2/Alarms/" + alarm + "/Logs")
                .json()
                .get("logs")
                .size();
    }

    @Test
    void anAlarmFiresOnceForItsWindowWithOneJobPerChannel() {
        TestAccount account = RunningStack.newAccount();
        String alarm = createAlarm(account.client(), """
                {"friendlyName": "HTTP retrieval failures", "description": "11200 burst", "queryType": "ERROR_CODE", "query": "11200",
                 "triggerValue": 5, "timeWindow": "FIVE_MINS", "email": ["ops@example.com"], "webhook": "%s", "enabled": true}""".formatted(WEBHOOK));
        // Every alert in one window, whatever the clock does between the requests.
        Instant date = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);

        recordAlerts(account, "11200", 5, date);
        List<NotificationJob> jobs = QueuedJobs.await(account.sid(), 2);
        assertEquals(
                Set.of(NotificationJob.Channel.WEBHOOK, NotificationJob.Channel.EMAIL),
                jobs.stream().map(NotificationJob::channel).collect(Collectors.toSet()),
                jobs.toString());
        assertEquals(2, jobs.size());
        NotificationJob webhook = jobs.stream()
                .filter(job -> job.channel() == NotificationJob.Channel.WEBHOOK)
                .findFirst()
                .orElseThrow();
        assertEquals(WEBHOOK, webhook.destination());
        assertEquals(new NotificationJob.Source(NotificationJob.SourceType.ALARM, alarm), webhook.source());
        NotificationJob.StandardWebhook content =
                assertInstanceOf(NotificationJob.StandardWebhook.class, webhook.content());
        assertEquals("alarm.triggered", content.type());
        JsonNode data = Json.node(content.data());
        assertEquals(alarm, data.get("alarmSid").asText());
        assertEquals(account.sid(), data.get("accountSid").asText());
        assertEquals(5, data.get("count").asLong());
        assertEquals(5, data.get("triggerValue").asLong());
        assertEquals("11200", data.get("query").asText());
        Instant windowStart = Instant.ofEpochSecond(date.getEpochSecond() / 300 * 300);
        assertEquals(windowStart.toString(), data.get("windowStart").asText());
        assertEquals(
                windowStart.plusSeconds(300).toString(), data.get("windowEnd").asText());
        assertTrue(
                data.get("alertsUrl").asText().startsWith(RunningStack.baseUrl() + "/v1/Alerts?"),
                "an absolute link, from the template's PublicBaseUrl: " + data);
        assertEquals(
                RunningStack.baseUrl() + "/console/triggers/alarms/" + alarm + "?AccountSid=" + account.sid(),
                data.get("consoleUrl").asText());
        assertEquals(
                RunningStack.baseUrl() + "/console/alerts?AccountSid=" + account.sid() + "&StartDate="
                        + windowStart.toString().replace(":", "%3A") + "&EndDate="
                        + windowStart.plusSeconds(299).toString().replace(":", "%3A") + "&ErrorCode=11200",
                data.get("alertsConsoleUrl").asText());
        NotificationJob email = jobs.stream()
                .filter(job -> job.channel() == NotificationJob.Channel.EMAIL)
                .findFirst()
                .orElseThrow();
        assertEquals("ops@example.com", email.destination());
        assertTrue(assertInstanceOf(NotificationJob.Email.class, email.content())
                .subject()
                .contains("HTTP retrieval failures"));
        assertTrue(
                assertInstanceOf(NotificationJob.Email.class, email.content())
                        .text()
                        .contains("Alerts: " + RunningStack.baseUrl() + "/console/alerts?AccountSid=" + account.sid()),
                "the email's link opens the console, which asks for no password of the browser");

        // Three more in the same window, then a marker alarm's alert: once its job is queued, the stream is past the
        // three.
        String marker = createAlarm(account.client(), """
                {"friendlyName": "marker", "queryType": "ERROR_CODE", "query": "30003", "triggerValue": 1, "timeWindow": "ONE_DAY",
                 "webhook": "%s"}""".formatted(WEBHOOK));
        recordAlerts(account, "11200", 3, date);
        recordAlerts(account, "30003", 1, date);
        List<NotificationJob> later = QueuedJobs.await(
                account.sid(),
                jobsSoFar ->
                        jobsSoFar.stream().anyMatch(job -> job.source().sid().equals(marker)),
                Duration.ofSeconds(20));
        assertEquals(
                List.of(marker),
                later.stream().map(job -> job.source().sid()).toList(),
                "nothing more for the first alarm");

        JsonNode logs = account.client().get("/v2/Alarms/" + alarm + "/Logs").json();
        assertEquals(1, logs.get("logs").size(), logs.toString());
        JsonNode log = logs.get("logs").get(0);
        assertEquals(5, log.get("count").asLong());
        assertEquals(5, log.get("triggerValue").asLong());
        assertEquals("FIVE_MINS", log.get("window").asText());
        assertEquals(windowStart.toString(), log.get("windowStart").asText());
        assertEquals(
                Set.of(webhook.jobId(), email.jobId()),
                Set.of(
                        log.get("notifications").get(0).get("jobId").asText(),
                        log.get("notifications").get(1).get("jobId").asText()));
    }

    @Test
    void aCalendarPeriodAlarmSendsTwiliosAlertTriggerCallback() {
        TestAccount account = RunningStack.newAccount();
        String alarm = createAlarm(account.client(), """
                {"friendlyName": "Daily warnings", "description": "too many warnings", "queryType": "LOG_LEVEL", "query": "warning",
                 "triggerValue": 2, "timePeriod": "daily", "webhook": "%s"}""".formatted(WEBHOOK));
        Instant date = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        recordAlerts(account, "12200", 2, date);
        NotificationJob job = QueuedJobs.await(account.sid(), 1).get(0);
        NotificationJob.TwilioCallback callback = assertInstanceOf(NotificationJob.TwilioCallback.class, job.content());
        assertEquals("POST", callback.method());
        Map<String, String> parameters = callback.parameters();
        assertEquals(account.sid(), parameters.get("AccountSid"));
        assertEquals(alarm, parameters.get("AlarmSid"));
        assertEquals("daily", parameters.get("TimePeriod"));
        assertEquals("warning", parameters.get("Log"));
        assertEquals("2", parameters.get("TriggerValue"));
        assertEquals("2", parameters.get("CurrentValue"));
        assertEquals("too many warnings", parameters.get("Description"));
        assertEquals(
                RunningStack.baseUrl() + "/console/triggers/alarms/" + alarm + "?AccountSid=" + account.sid(),
                parameters.get("ConsoleUrl"));
        assertFalse(parameters.get("IdempotencyToken").isEmpty());
        assertFalse(parameters.get("DateFired").isEmpty());
    }

    @Test
    void disabledAndMutedAlarmsStayQuietAndTestsSendThroughTheRealChannels() {
        TestAccount account = RunningStack.newAccount();
        String disabled = createAlarm(account.client(), """
                {"friendlyName": "off", "queryType": "ALL", "triggerValue": 1, "timeWindow": "ONE_HOUR", "webhook": "%s"}""".formatted(WEBHOOK));
        assertEquals(
                204,
                account.client()
                        .send("PUT", "/v2/Alarms/" + disabled + "/status", "application/json", "{\"enabled\": false}")
                        .status());
        assertFalse(account.client()
                .get("/v2/Alarms/" + disabled)
                .json()
                .get("enabled")
                .asBoolean());
        String muted = createAlarm(account.client(), """
                {"friendlyName": "muted", "queryType": "ALL", "triggerValue": 1, "timeWindow": "ONE_HOUR", "webhook": "%s",
                 "mutedUntil": "%s"}""".formatted(
                        WEBHOOK, Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)));
        String marker = createAlarm(account.client(), """
                {"friendlyName": "marker", "queryType": "ERROR_CODE", "query": "30003", "triggerValue": 1, "timeWindow": "ONE_DAY",
                 "webhook": "%s"}""".formatted(WEBHOOK));
        recordAlerts(account, "30003", 1, Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS));
        List<NotificationJob> jobs = QueuedJobs.await(account.sid(), 1);
        assertEquals(
                List.of(marker), jobs.stream().map(job -> job.source().sid()).toList());
        assertEquals(0, logCount(account, disabled));
        assertEquals(0, logCount(account, muted));

        ApiClient.Response test = account.client().postJson("/v2/Alarms/" + muted + "/Test", "{}");
        assertEquals(200, test.status(), test.text());
        NotificationJob testJob = QueuedJobs.await(account.sid(), 1).get(0);
        assertEquals(muted, testJob.source().sid());
        assertEquals(
                "alarm.test",
                assertInstanceOf(NotificationJob.StandardWebhook.class, testJob.content())
                        .type());
        assertEquals(0, logCount(account, muted), "a test is not a firing");
    }

    @Test
    void createsListsFetchesUpdatesAndDeletesInTwiliosShape() {
        TestAccount account = RunningStack.newAccount();
        String sid = createAlarm(account.client(), """
                {"friendlyName": "Errors", "description": "all errors", "queryType": "LOG_LEVEL", "query": "error", "triggerValue": 10,
                 "timeWindow": "FIFTEEN_MINS", "email": ["a@example.com", "b@example.org"], "consoleIndicator": true, "enabled": true}""");
        assertTrue(sid.matches("AK[0-9a-f]{32}"), sid);
        JsonNode alarm = account.client().get("/v2/Alarms/" + sid).json();
        assertEquals(sid, alarm.get("alertConfigSid").asText());
        assertEquals("Errors", alarm.get("friendlyName").asText());
        assertEquals("all errors", alarm.get("description").asText());
        assertEquals("LOG_LEVEL", alarm.get("queryType").asText());
        assertEquals("error", alarm.get("query").asText());
        assertEquals(10, alarm.get("triggerValue").asInt());
        assertEquals("FIFTEEN_MINS", alarm.get("timeWindow").asText());
        assertEquals(2, alarm.get("email").size());
        assertTrue(alarm.get("consoleIndicator").asBoolean());
        assertTrue(alarm.get("enabled").asBoolean());
        assertFalse(alarm.get("sendResolved").asBoolean(), "resolved notifications are asked for, not sent by default");
        assertTrue(alarm.has("dateCreated") && alarm.has("dateUpdated") && alarm.has("product"));

        ApiClient.Response updated =
                account.client().send("PUT", "/v2/Alarms/" + sid, "application/json", """
                {"friendlyName": "Errors!", "description": "", "queryType": "ALL", "triggerValue": 3, "timeWindow": "ONE_DAY",
                 "webhook": "%s", "sendResolved": true, "enabled": true}""".formatted(WEBHOOK));
        assertEquals(200, updated.status(), updated.text());
        assertEquals(sid, updated.json().get("sid").asText());
        JsonNode changed = account.client().get("/v2/Alarms/" + sid).json();
        assertEquals("ALL", changed.get("queryType").asText());
        assertEquals(WEBHOOK, changed.get("webhook").asText());
        assertTrue(changed.get("sendResolved").asBoolean());
        assertEquals(0, changed.get("email").size());

        String second = createAlarm(account.client(), """
                {"friendlyName": "Yearly", "queryType": "ALL", "triggerValue": 1000, "timePeriod": "yearly"}""");
        JsonNode list = account.client().get("/v2/Alarms?PageSize=1").json();
        assertEquals("alarms", list.get("meta").get("key").asText());
        assertEquals(1, list.get("alarms").size());
        JsonNode next = account.client()
                .getUrl(list.get("meta").get("next_page_url").asText())
                .json();
        assertEquals(
                Set.of(sid, second),
                Set.of(
                        list.get("alarms").get(0).get("sid").asText(),
                        next.get("alarms").get(0).get("sid").asText()));

        TestAccount stranger = RunningStack.newAccount();
        assertError(stranger.client().get("/v2/Alarms/" + sid), 404);
        assertError(stranger.client().delete("/v2/Alarms/" + sid), 404);
        assertEquals(0, stranger.client().get("/v2/Alarms").json().get("alarms").size());

        assertEquals(204, account.client().delete("/v2/Alarms/" + sid).status());
        assertError(account.client().get("/v2/Alarms/" + sid), 404);
    }

    @Test
    void badAlarmsAreRefusedWithTheProblemNamed() {
        TestAccount account = RunningStack.newAccount();
        ApiClient client = account.client();
        assertErrorMentions(
                client.postJson("/v2/Alarms", """
                {"friendlyName": "x", "queryType": "ERROR_CODE", "query": "abc", "triggerValue": 0, "timeWindow": "TEN_MINS",
                 "email": ["not-an-address"], "colour": "red"}"""), 400, "query", "triggerValue", "timeWindow", "email", "colour");
        assertErrorMentions(client.postJson("/v2/Alarms", """
                {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS", "timePeriod": "daily"}"""), 400, "timePeriod");
        assertErrorMentions(client.postJson("/v2/Alarms", """
                {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timePeriod": "daily", "sendResolved": true}"""), 400, "sendResolved");
        assertErrorMentions(client.postJson("/v2/Alarms", """
                {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS", "sendResolved": "yes"}"""), 400, "sendResolved");
        for (String webhook : List.of(
                "ftp://example.com/hook", "http://user:secret@example.com/hook", "http://0x7f.1/hook", "not a url")) {
            assertErrorMentions(client.postJson("/v2/Alarms", """
                    {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS", "webhook": "%s"}""".formatted(webhook)), 400, "webhook");
        }
        for (String email : List.of("a@b", "a b@example.com", "@example.com", "a@@example.com", "a@-example.com")) {
            assertErrorMentions(client.postJson("/v2/Alarms", """
                    {"friendlyName": "x", "queryType": "ALL", "triggerValue": 1, "timeWindow": "FIVE_MINS", "email": ["%s"]}""".formatted(email)), 400, "email");
        }
        assertErrorMentions(
                client.send(
                        "PUT",
                        "/v2/Alarms/AK" + "0".repeat(32) + "/status",
                        "application/json",
                        "{\"enabled\": \"yes\"}"),
                400,
                "enabled");
        assertError(client.get("/v2/Alarms/AK" + "0".repeat(32)), 404);
        assertEquals(0, client.get("/v2/Alarms").json().get("alarms").size(), "nothing of a refused alarm is stored");
    }

    @Test
    void countsReachTheThresholdAcrossBatches() {
        TestAccount account = RunningStack.newAccount();
        String alarm = createAlarm(account.client(), """
                {"friendlyName": "warnings", "queryType": "LOG_LEVEL", "query": "warning", "triggerValue": 3, "timeWindow": "ONE_HOUR",
                 "webhook": "%s"}""".formatted(WEBHOOK));
        Instant date = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        recordAlerts(account, "12200", 2, date);
        recordAlerts(account, "12200", 1, date);
        assertEquals(1, QueuedJobs.await(account.sid(), 1).size());
        assertEquals(1, Polling.until(() -> logCount(account, alarm), count -> count == 1));
    }

    @Test
    void duplicateConcurrentInvocationsFireOnce() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String alarm = createAlarm(account.client(), """
                {"friendlyName": "burst", "queryType": "ERROR_CODE", "query": "11200", "triggerValue": 4, "timeWindow": "FIVE_MINS",
                 "webhook": "%s", "email": ["ops@example.com"]}""".formatted(WEBHOOK));
        Instant date = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(AlertCounterTest.insert(account.sid(), i % 4, "11200", "error", date));
        }
        JsonNode event = AlertCounterTest.event(records);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AlertStreamHandler handler = new AlertStreamHandler(AlertCounterTest.environment());
                runs.add(pool.submit(() -> handler.handle(event, null)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        List<NotificationJob> jobs = QueuedJobs.await(account.sid(), 2);
        assertEquals(
                2,
                Set.copyOf(jobs.stream().map(NotificationJob::jobId).toList()).size(),
                jobs.toString());
        assertEquals(1, logCount(account, alarm));
        assertEquals(
                6,
                account.client()
                        .get("/v2/Alarms/" + alarm + "/Logs")
                        .json()
                        .get("logs")
                        .get(0)
                        .get("count")
                        .asLong(),
                "every invocation that evaluates has counted the whole batch, or found it counted");
    }

    @Test
    void anAccountHasAtMostAThousandAlarmsEvenCreatedConcurrently() throws Exception {
        TestAccount account = RunningStack.newAccount();
        String alarm = """
                {"friendlyName": "one of many", "queryType": "ALL", "triggerValue": 1000000, "timeWindow": "ONE_DAY"}""";
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<ApiClient.Response> answers = new ArrayList<>();
        try {
            List<Future<ApiClient.Response>> creations = new ArrayList<>();
            for (int i = 0; i < AlarmService.MAX_PER_ACCOUNT + 10; i++) {
                creations.add(clients.submit(() -> account.client().postJson("/v2/Alarms", alarm)));
            }
            for (Future<ApiClient.Response> creation : creations) {
                answers.add(creation.get());
            }
        } finally {
            clients.shutdown();
        }

        List<ApiClient.Response> refused =
                answers.stream().filter(answer -> answer.status() != 201).toList();
        assertEquals(10, refused.size(), "created beyond the limit: " + (answers.size() - refused.size()));
        for (ApiClient.Response answer : refused) {
            assertErrorMentions(answer, 400, "at most 1000 alarms");
            assertEquals(20001, answer.json().get("code").asInt());
        }
        String first = answers.stream()
                .filter(answer -> answer.status() == 201)
                .findFirst()
                .orElseThrow()
                .json()
                .get("sid")
                .asText();
        assertEquals(204, account.client().delete("/v2/Alarms/" + first).status());
        assertEquals(201, account.client().postJson("/v2/Alarms", alarm).status(), "a deleted alarm frees its place");
        assertErrorMentions(account.client().postJson("/v2/Alarms", alarm), 400, "at most 1000 alarms");
        assertEquals(
                201,
                RunningStack.newAccount().client().postJson("/v2/Alarms", alarm).status(),
                "another account's alarms are its own");
    }
}
