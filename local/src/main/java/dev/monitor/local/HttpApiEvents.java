package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
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

/** Turns an HTTP request into the event API Gateway's HTTP API sends a function (payload format 2.0). */
final class HttpApiEvents {
    private static final Pattern TEXT_CONTENT = Pattern.compile(
            "^\\s*(text/|application/(json|xml|javascript|x-www-form-urlencoded)\\b|[^;]*\\+(json|xml)\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COOKIE_SEPARATOR = Pattern.compile(";\\s*");
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {}

    static APIGatewayV2HTTPEvent from(HttpExchange exchange, byte[] body, HttpRouter.Match route, String requestId, Instant now) {
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lowerCaseName = name.toLowerCase(Locale.ROOT);
            if (lowerCaseName.equals("cookie")) {
                values.forEach(value -> COOKIE_SEPARATOR.splitAsStream(value).filter(cookie -> !cookie.isBlank()).forEach(cookies::add));
            } else {
                headers.put(lowerCaseName, String.join(",", values));
            }
        });
        headers.merge("x-forwarded-for", sourceIp, (forwarded, client) -> forwarded + ", " + client);
        headers.put("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        headers.put("x-forwarded-proto", "http");
        // With its port, unlike API Gateway's: what a handler builds links from must reach this server.
        String domainName = headers.getOrDefault("host", "127.0.0.1:" + exchange.getLocalAddress().getPort());
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        boolean text = body.length == 0 || isText(headers.get("content-type"), body);

        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(rawPath)
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(rawQuery))
                .withPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters())
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(!text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(Intrinsics.ACCOUNT_ID)
                        .withApiId("local")
                        .withDomainName(domainName)
                        .withDomainPrefix(domainName.split("[.:]")[0])
                        .withRequestId(requestId)
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(rawPath)
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
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
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /** API Gateway passes text as is and base64-encodes anything else. */
    private static boolean isText(String contentType, byte[] body) {
        if (contentType != null && !TEXT_CONTENT.matcher(contentType).find()) {
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
