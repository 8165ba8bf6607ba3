package dev.monitor.usage;

import static dev.monitor.testing.TwilioErrors.assertErrorMentions;
import static dev.monitor.usage.UsageFixtures.awaitRecordCount;
import static dev.monitor.usage.UsageFixtures.createTrigger;
import static dev.monitor.usage.UsageFixtures.form;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Usage Triggers and Records on the wire: offsets, bad input, and whose usage a caller may reach. */
// Alone on the shared stack, after the classes that run beside the others there: an api instance writes the reads it
// counted on its own next request, and another test's requests would take that instance.
@Order(Order.DEFAULT + 1)
@ResourceLock(RunningStack.ALL_ACCOUNTS)
class UsageApiTest {
    private static final String CALLBACK = "http://127.0.0.1:9/usage";

    private static String triggers(TestAccount account) {
        return "/2010-04-01/Accounts/" + account.sid() + "/Usage/Triggers.json";
    }

    private static Map<String, String> valid() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UsageCategory", "monitor-writes");
        form.put("TriggerValue", "10");
        form.put("CallbackUrl", CALLBACK);
        return form;
    }

    @Test
    void anOffsetIsAddedToTheUsageWhenTheTriggerIsCreated() {
        TestAccount account = RunningStack.newAccount();
        assertEquals(
                201,
                account.client()
                        .postJson("/v1/Events", "[{\"event_type\": \"a.b\"}, {\"event_type\": \"a.b\"}]")
                        .status());
        // The account's creation, an event of Monitor's own, and the two.
        awaitRecordCount(
                account,
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/ThisMonth.json?Category=monitor-writes",
                "3");
        Map<String, String> offset = valid();
        offset.put("TriggerValue", "+5");
        offset.put("Recurring", "monthly");
        JsonNode created =
                account.client().postForm(triggers(account), form(offset)).json();
        assertEquals("8", created.get("trigger_value").asText());
        assertEquals("3", created.get("current_value").asText());
        // Its current value is the usage now, as Twilio reports it, not the usage when it was created: the trigger's
        // creation, an event of its own, and one more.
        assertEquals(
                201,
                account.client()
                        .postJson("/v1/Events", "{\"event_type\": \"a.b\"}")
                        .status());
        awaitRecordCount(
                account,
                "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/ThisMonth.json?Category=monitor-writes",
                "5");
        String path =
                triggers(account).replace(".json", "/" + created.get("sid").asText() + ".json");
        assertEquals("5", account.client().get(path).json().get("current_value").asText());
        assertEquals(
                "5",
                account.client()
                        .get(triggers(account) + "?Recurring=monthly")
                        .json()
                        .get("usage_triggers")
                        .get(0)
                        .get("current_value")
                        .asText());
        assertEquals(
                "alltime",
                account.client()
                        .get(triggers(account).replace(".json", "/" + createTrigger(account, valid()) + ".json"))
                        .json()
                        .get("recurring")
                        .asText(),
                "without Recurring a trigger fires once");
    }

    @Test
    void badInputIsRefusedWithTwilioErrorsAndNothingStored() {
        TestAccount account = RunningStack.newAccount();
        ApiClient client = account.client();
        Map<String, String> form = valid();
        // The local stack lets webhooks reach private addresses; the URL's form is checked all the same.
        form.put("CallbackUrl", "http://2130706433/usage");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "CallbackUrl", "number in disguise");
        form.put("CallbackUrl", "http://user:secret@127.0.0.1:9/usage");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "CallbackUrl", "credentials");
        form = valid();
        form.put("UsageCategory", "calls");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "UsageCategory", "monitor-writes");
        form = valid();
        form.put("TriggerValue", "-3");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "TriggerValue");
        form = valid();
        form.put("Recurring", "hourly");
        form.put("TriggerBy", "minutes");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "Recurring", "TriggerBy");
        form = valid();
        form.remove("CallbackUrl");
        assertErrorMentions(client.postForm(triggers(account), form(form)), 400, "CallbackUrl");
        assertEquals(
                0, client.get(triggers(account)).json().get("usage_triggers").size());

        String sid = createTrigger(account, valid());
        String path = triggers(account).replace(".json", "/" + sid + ".json");
        assertErrorMentions(client.postForm(path, "TriggerValue=20"), 400, "TriggerValue");
        assertEquals("10", client.get(path).json().get("trigger_value").asText());
        assertErrorMentions(client.get(triggers(account) + "?Recurring=weekly"), 400, "Recurring");
        assertErrorMentions(
                client.get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Records.json?StartDate=yesterday"),
                400,
                "StartDate");
        assertErrorMentions(
                client.get("/2010-04-01/Accounts/" + account.sid() + "/Usage/Records.json?Category=sms"),
                400,
                "Category");
        assertErrorMentions(
                client.get(triggers(account).replace(".json", "/UT" + "0".repeat(32) + ".json")), 404, "UT");
        assertEquals(204, client.delete(path).status());
        assertErrorMentions(client.delete(path), 404, sid);
    }

    @Test
    void aMainAccountReachesItsSubaccountsUsageAndNoOneElseDoes() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        TestAccount stranger = RunningStack.newAccount();
        String onSub = createTrigger(sub, valid());

        ApiClient.Response created = main.client().postForm(triggers(sub), form(valid()));
        assertEquals(201, created.status(), created.text());
        assertEquals(sub.sid(), created.json().get("account_sid").asText());
        assertEquals(
                2, main.client().get(triggers(sub)).json().get("usage_triggers").size());
        assertEquals(
                200,
                main.client()
                        .get("/2010-04-01/Accounts/" + sub.sid() + "/Usage/Records/Today.json")
                        .status());

        assertErrorMentions(sub.client().get(triggers(main)), 404, main.sid());
        assertErrorMentions(
                stranger.client().get(triggers(sub).replace(".json", "/" + onSub + ".json")), 404, sub.sid());
        assertErrorMentions(
                stranger.client().get("/2010-04-01/Accounts/" + main.sid() + "/Usage/Records.json"), 404, main.sid());
        assertErrorMentions(main.client().get(triggers(main).replace(".json", "/" + onSub + ".json")), 404, onSub);
    }

    @Test
    void aMainAccountsUsageIncludesItsSubaccountsUnlessAskedNotTo() {
        TestAccount main = RunningStack.newAccount();
        TestAccount sub = RunningStack.newSubaccount(main);
        assertEquals(
                201,
                main.client()
                        .postJson("/v1/Events", "[{\"event_type\": \"a.b\"}, {\"event_type\": \"a.b\"}]")
                        .status());
        assertEquals(
                201,
                sub.client()
                        .postJson(
                                "/v1/Events",
                                "[{\"event_type\": \"a.b\"}, {\"event_type\": \"a.b\"}, {\"event_type\": \"a.b\"}]")
                        .status());
        String records = "/2010-04-01/Accounts/" + main.sid() + "/Usage/Records/ThisMonth.json?Category=monitor-writes";

        // Each account's creation is a write of its own: the main account's 1 and 2, the subaccount's 1 and 3.
        // Twilio's default: the main account's usage with its subaccounts'.
        awaitRecordCount(main, records, "7");
        awaitRecordCount(main, records + "&IncludeSubaccounts=true", "7");
        awaitRecordCount(main, records + "&IncludeSubaccounts=false", "3");
        // A subaccount's usage is its own.
        awaitRecordCount(sub, records.replace(main.sid(), sub.sid()), "4");
        assertErrorMentions(main.client().get(records + "&IncludeSubaccounts=maybe"), 400, "IncludeSubaccounts");
    }

    @Test
    void readsAreCountedWithoutAWritePerRequest() throws InterruptedException {
        TestAccount account = RunningStack.newAccount();
        assertEquals(
                201,
                account.client()
                        .postJson("/v1/Events", "[{\"event_type\": \"a.b\"}, {\"event_type\": \"a.b\"}]")
                        .status());
        String records = "/2010-04-01/Accounts/" + account.sid() + "/Usage/Records/Today.json?Category=monitor-reads";
        // Each api instance writes the reads it counted at most every flush interval: poll while reading.
        // One list of three events, the two and the account's creation, is three reads.
        long reads = 0;
        for (int attempt = 0; attempt < 300 && reads < 3; attempt++) {
            if (attempt == 0) {
                assertEquals(
                        3,
                        account.client().get("/v1/Events").json().get("events").size());
            }
            Thread.sleep(50);
            reads = account.client()
                    .get(records)
                    .json()
                    .get("usage_records")
                    .get(0)
                    .get("count")
                    .asLong();
        }
        assertEquals(3, reads);
    }
}
