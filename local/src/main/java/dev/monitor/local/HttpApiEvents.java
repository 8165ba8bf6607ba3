package dev.monitor.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns an HTTP request into the event API Gateway's HTTP API sends a function (payload format 2.0), as JSON. */
final class HttpApiEvents {
    private static final Pattern TEXT_CONTENT = Pattern.compile(
            "^\\s*(text/|application/(json|xml|javascript|x-www-form-urlencoded)\\b|[^;]*\\+(json|xml)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COOKIE_SEPARATOR = Pattern.compile(";\\s*");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    static ObjectNode from(GatewayRequest request, HttpRouter.Match route, String requestId, Instant now) {
        String sourceIp = request.sourceIp();
        byte[] body = request.body();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lowerCaseName = name.toLowerCase(Locale.ROOT);
            if (lowerCaseName.equals("cookie")) {
                values.forEach(value -> COOKIE_SEPARATOR
                        .splitAsStream(value)
                        .filter(cookie -> !cookie.isBlank())
                        .forEach(cookies::add));
            } else {
                headers.put(lowerCaseName, String.join(",", values));
            }
        });
        headers.merge("x-forwarded-for", sourceIp, (forwarded, client) -> forwarded + ", " + client);
        headers.put("x-forwarded-port", Integer.toString(request.localPort()));
        headers.put("x-forwarded-proto", "http");
        // With its port, unlike API Gateway's: what a handler builds links from must reach this server.
        String domainName = headers.getOrDefault("host", "127.0.0.1:" + request.localPort());
        String rawPath = request.rawPath();
        String rawQuery = request.rawQuery();
        boolean text = body.length == 0 || isText(headers.get("content-type"), body);

        ObjectNode event = Json.object()
                .put("version", "2.0")
                .put("routeKey", route.routeKey())
                .put("rawPath", rawPath)
                .put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        ObjectNode headerObject = event.putObject("headers");
        headers.forEach(headerObject::put);
        Map<String, String> query = queryParameters(rawQuery);
        if (query != null) {
            ObjectNode queryObject = event.putObject("queryStringParameters");
            query.forEach(queryObject::put);
        }
        ObjectNode context = event.putObject("requestContext")
                .put("accountId", Intrinsics.ACCOUNT_ID)
                .put("apiId", "local")
                .put("domainName", domainName)
                .put("domainPrefix", domainName.split("[.:]")[0])
                .put("requestId", requestId)
                .put("routeKey", route.routeKey())
                .put("stage", "$default")
                .put("time", REQUEST_TIME.format(now))
                .put("timeEpoch", now.toEpochMilli());
        context.putObject("http")
                .put("method", request.method())
                .put("path", rawPath)
                .put("protocol", request.protocol())
                .put("sourceIp", sourceIp)
                .put("userAgent", headers.get("user-agent"));
        if (!route.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            route.pathParameters().forEach(parameters::put);
        }
        if (body.length > 0) {
            event.put(
                    "body",
                    text
                            ? new String(body, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(body));
        }
        return event.put("isBase64Encoded", !text);
    }

    /** Decoded, with repeated parameters joined by commas; null when there are none, as API Gateway sends. */
    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /** Malformed percent-encoding is kept as sent: the function, which reads the raw query too, decides. */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** API Gateway passes text as is and base64-encodes anything else. */
    private static boolean isText(String contentType, byte[] body) {
        if (contentType != null && !TEXT_CONTENT.matcher(contentType).find()) {
            return false;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
