package dev.monitor.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.AuthorizedConnectApp;
import com.twilio.rest.api.v2010.account.ConnectApp;
import com.twilio.rest.api.v2010.account.ConnectAppReader;
import dev.monitor.testing.ApiClient;
import dev.monitor.testing.RunningStack;
import dev.monitor.testing.TestAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Twilio's Java helper library on Connect Apps and Authorized Connect Apps, on the local stack by host only. */
class TwilioConnectAppsLibraryTest {
    private static TwilioRestClient twilio(TestAccount account) {
        return new TwilioRestClient.Builder(account.sid(), account.authToken())
                .httpClient(new LocalHostHttpClient(RunningStack.baseUrl()))
                .build();
    }

    /** Monitor's own create, which Twilio's library lacks (Twilio makes Connect apps in its console). */
    private static String create(TestAccount owner, String name, String permissions) {
        ApiClient.Response response = owner.client()
                .postForm(
                        "/2010-04-01/Accounts/" + owner.sid() + "/ConnectApps.json",
                        "FriendlyName=" + name + "&CompanyName=Rossum+Inc&Description=Analytics"
                                + "&HomepageUrl=https%3A%2F%2Frossum.example.com"
                                + "&AuthorizeRedirectUrl=https%3A%2F%2Frossum.example.com%2Fauthorize"
                                + "&DeauthorizeCallbackUrl=http%3A%2F%2F127.0.0.1%3A9%2Fdeauthorize" + permissions);
        assertEquals(201, response.status(), response.text());
        return response.json().get("sid").asText();
    }

    @Test
    void listsFetchesUpdatesAndDeletesConnectApps() {
        TestAccount owner = RunningStack.newAccount();
        TwilioRestClient twilio = twilio(owner);
        String sid = create(owner, "Rossum", "&Permissions=get-all");
        create(owner, "Second", "&Permissions=post-all");
        create(owner, "Third", "&Permissions=get-all&Permissions=post-all");

        ConnectApp fetched = ConnectApp.fetcher(sid).fetch(twilio);
        assertEquals(sid, fetched.getSid());
        assertEquals(owner.sid(), fetched.getAccountSid());
        assertEquals("Rossum", fetched.getFriendlyName());
        assertEquals("Rossum Inc", fetched.getCompanyName());
        assertEquals("Analytics", fetched.getDescription());
        assertEquals(URI.create("https://rossum.example.com"), fetched.getHomepageUrl());
        assertEquals(URI.create("https://rossum.example.com/authorize"), fetched.getAuthorizeRedirectUrl());
        assertEquals(URI.create("http://127.0.0.1:9/deauthorize"), fetched.getDeauthorizeCallbackUrl());
        assertEquals(HttpMethod.POST, fetched.getDeauthorizeCallbackMethod());
        assertEquals(List.of(ConnectApp.Permission.GET_ALL), fetched.getPermissions());
        assertEquals("/2010-04-01/Accounts/" + owner.sid() + "/ConnectApps/" + sid + ".json", fetched.getUri());

        // Every page, through the library's own paging.
        Set<String> names = new TreeSet<>();
        ConnectApp.reader().setPageSize(2L).read(twilio).forEach(app -> names.add(app.getFriendlyName()));
        assertEquals(Set.of("Rossum", "Second", "Third"), names);
        ConnectAppReader reader = ConnectApp.reader().setPageSize(2L);
        Page<ConnectApp> first = reader.firstPage(twilio);
        assertEquals(2, first.getRecords().size());
        assertTrue(first.hasNextPage());
        assertEquals(1, reader.nextPage(first, twilio).getRecords().size());

        ConnectApp updated = ConnectApp.updater(sid)
                .setFriendlyName("Rossum Analytics")
                .setDeauthorizeCallbackMethod(HttpMethod.GET)
                .setPermissions(List.of(ConnectApp.Permission.GET_ALL, ConnectApp.Permission.POST_ALL))
                .setHomepageUrl("https://analytics.example.com")
                .update(twilio);
        assertEquals("Rossum Analytics", updated.getFriendlyName());
        assertEquals(HttpMethod.GET, updated.getDeauthorizeCallbackMethod());
        assertEquals(List.of(ConnectApp.Permission.GET_ALL, ConnectApp.Permission.POST_ALL), updated.getPermissions());
        assertEquals(URI.create("https://analytics.example.com"), updated.getHomepageUrl());
        assertEquals("Rossum Inc", updated.getCompanyName(), "what the update did not name is kept");
        assertEquals(updated, ConnectApp.fetcher(sid).fetch(twilio));

        ApiException refused = assertThrows(
                ApiException.class,
                () -> ConnectApp.updater(sid)
                        .setAuthorizeRedirectUrl("javascript:alert(1)")
                        .update(twilio));
        assertEquals(400, refused.getStatusCode());
        assertEquals(20001, refused.getCode());

        assertTrue(ConnectApp.deleter(sid).delete(twilio));
        ApiException gone =
                assertThrows(ApiException.class, () -> ConnectApp.fetcher(sid).fetch(twilio));
        assertEquals(404, gone.getStatusCode());
        assertEquals(20404, gone.getCode());
    }

    @Test
    void listsAndFetchesAuthorizedConnectApps() {
        TestAccount owner = RunningStack.newAccount();
        TestAccount user = RunningStack.newAccount();
        List<String> apps = new ArrayList<>();
        for (String name : List.of("Rossum", "Second", "Third")) {
            String sid = create(owner, name, "&Permissions=get-all&Permissions=post-all");
            ApiClient.Response authorized = user.client()
                    .postForm(
                            "/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps.json",
                            "ConnectAppSid=" + sid);
            assertEquals(201, authorized.status(), authorized.text());
            apps.add(sid);
        }
        TwilioRestClient twilio = twilio(user);

        AuthorizedConnectApp fetched = AuthorizedConnectApp.fetcher(apps.get(0)).fetch(twilio);
        assertEquals(user.sid(), fetched.getAccountSid());
        assertEquals(apps.get(0), fetched.getConnectAppSid());
        assertEquals("Rossum", fetched.getConnectAppFriendlyName());
        assertEquals("Rossum Inc", fetched.getConnectAppCompanyName());
        assertEquals("Analytics", fetched.getConnectAppDescription());
        assertEquals(URI.create("https://rossum.example.com"), fetched.getConnectAppHomepageUrl());
        assertEquals(
                List.of(AuthorizedConnectApp.Permission.GET_ALL, AuthorizedConnectApp.Permission.POST_ALL),
                fetched.getPermissions());
        assertEquals(
                "/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps/" + apps.get(0) + ".json",
                fetched.getUri());

        Set<String> listed = new TreeSet<>();
        AuthorizedConnectApp.reader().setPageSize(2L).read(twilio).forEach(app -> listed.add(app.getConnectAppSid()));
        assertEquals(new TreeSet<>(apps), listed);

        // The owner's client, naming the user's account, sees none of it.
        ApiException notTheOwners = assertThrows(
                ApiException.class,
                () -> AuthorizedConnectApp.fetcher(user.sid(), apps.get(0)).fetch(twilio(owner)));
        assertEquals(404, notTheOwners.getStatusCode());

        // Deauthorized through the API, it is no longer listed or fetched.
        assertEquals(
                204,
                user.client()
                        .delete("/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps/" + apps.get(0)
                                + ".json")
                        .status());
        assertThrows(
                ApiException.class,
                () -> AuthorizedConnectApp.fetcher(apps.get(0)).fetch(twilio));
        Set<String> left = new TreeSet<>();
        AuthorizedConnectApp.reader().read(twilio).forEach(app -> left.add(app.getConnectAppSid()));
        assertEquals(new TreeSet<>(apps.subList(1, 3)), left);
        JsonNode remaining = user.client()
                .get("/2010-04-01/Accounts/" + user.sid() + "/AuthorizedConnectApps.json")
                .json();
        assertNull(remaining.get("next_page_uri").textValue());
    }
}
