package dev.monitor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.monitor.v1.Alert;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio's official Java helper library reads, filters and fetches alerts, pointed at the local stack by host only. */
class TwilioAlertsLibraryTest {
    private static TwilioRestClient twilio;
    private static List<String> recorded;
    private static Instant now;

    @BeforeAll
    static void recordAlerts() {
        TestAccount account = RunningStack.newAccount();
        twilio = new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 7; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"error_code": "%s", "log_level": "%s", "alert_text": "alert %d", "request_method": "POST",
                     "request_url": "https://example.com/sms", "response_body": "oops", "date_generated": "%s"}""".formatted(
                            i % 2 == 0 ? "11200" : "30003",
                            i < 3 ? "warning" : "error",
                            i,
                            now.minus(7 - i, ChronoUnit.HOURS)));
        }
        ApiClient.Response response = account.client().postJson("/v1/Alerts", batch + "]");
        assertEquals(201, response.status(), response.text());
        recorded = new ArrayList<>();
        response.json()
                .get("alerts")
                .forEach(alert -> recorded.add(alert.get("sid").asText()));
    }

    private static List<String> sids(Iterable<Alert> alerts) {
        List<String> sids = new ArrayList<>();
        alerts.forEach(alert -> sids.add(alert.getSid()));
        return sids;
    }

    @Test
    void readsEveryPageNewestFirst() {
        List<String> newestFirst = new ArrayList<>(recorded);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, sids(Alert.reader().setPageSize(2L).read(twilio)));
    }

    @Test
    void filtersByLogLevelAndDates() {
        assertEquals(
                List.of(recorded.get(2), recorded.get(1), recorded.get(0)),
                sids(Alert.reader().setLogLevel("warning").read(twilio)));
        ZonedDateTime threeHoursAgo = ZonedDateTime.ofInstant(now.minus(3, ChronoUnit.HOURS), ZoneOffset.UTC);
        assertEquals(
                List.of(recorded.get(6), recorded.get(5), recorded.get(4)),
                sids(Alert.reader().setStartDate(threeHoursAgo).read(twilio)));
        assertEquals(
                List.of(recorded.get(4), recorded.get(3)),
                sids(Alert.reader()
                        .setLogLevel("error")
                        .setEndDate(threeHoursAgo)
                        .read(twilio)));
    }

    @Test
    void fetchesAnAlertWithItsDetails() {
        Alert alert = Alert.fetcher(recorded.get(4)).fetch(twilio);
        assertEquals(recorded.get(4), alert.getSid());
        assertEquals("11200", alert.getErrorCode());
        assertEquals("error", alert.getLogLevel());
        assertEquals("alert 4", alert.getAlertText());
        assertEquals(HttpMethod.POST, alert.getRequestMethod());
        assertEquals("https://example.com/sms", alert.getRequestUrl());
        assertEquals("oops", alert.getResponseBody());
        assertEquals(now.minus(3, ChronoUnit.HOURS), alert.getDateGenerated().toInstant());
        assertEquals("https://www.twilio.com/docs/errors/11200", alert.getMoreInfo());
        assertNotNull(alert.getUrl());
    }
}
