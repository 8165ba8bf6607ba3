package dev.monitor.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Links into the browser console, which the api function serves at {@code /console/} on the API's
 * origin, for notifications to carry beside their API URLs: an API URL asks a person for a password,
 * a console link opens the page of what the notification is about once they have signed in. The
 * console's router (functions/api/console/src/router.jsx) reads these paths, and checks each value.
 */
public final class ConsoleLinks {
    /** The API's public URL without a trailing slash, or empty (then the links are paths). */
    private final String base;

    public ConsoleLinks(Optional<String> apiBaseUrl) {
        this.base = apiBaseUrl
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElse("");
    }

    /** An alarm's page: what it counts and notifies, and its firings. */
    public String alarm(String accountSid, String alarmSid) {
        return base + "/console/triggers/alarms/" + alarmSid + query(Map.of("AccountSid", accountSid));
    }

    /** The Alerts screen, filtered: {@code ErrorCode} or {@code LogLevel}, {@code StartDate}, {@code EndDate}. */
    public String alerts(String accountSid, Map<String, String> filters) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", accountSid);
        parameters.putAll(filters);
        return base + "/console/alerts" + query(parameters);
    }

    /** A usage trigger's page. */
    public String usageTrigger(String accountSid, String triggerSid) {
        return base + "/console/triggers/usage/" + triggerSid + query(Map.of("AccountSid", accountSid));
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
