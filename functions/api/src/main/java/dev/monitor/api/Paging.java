package dev.monitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.errors.DomainException;
import dev.monitor.jackson.Json;
import dev.monitor.paging.Page;
import dev.monitor.paging.PageTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Twilio's paging: {@code PageSize}, {@code Page} and {@code PageToken} in; out, the Monitor APIs'
 * {@code meta} block of absolute URLs, or the 2010-04-01 API's flat relative URIs. A token is bound to
 * the list it came from: the path, the account, every filter and the page number. A token seals a
 * store's cursor, which reads either on from a position or back from it, so the previous page's token
 * is as small as the next page's however deep the paging goes.
 */
final class Paging {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    /** Far longer than any token this API writes (a timeline's names a sort key per shard): longer is not one. */
    static final int MAX_PAGE_TOKEN_LENGTH = 1024;

    private final PageTokens tokens;

    Paging(PageTokens tokens) {
        this.tokens = tokens;
    }

    /** A page request of one list; {@code filters} are its parameters in Twilio's names, as echoed in URLs. */
    record Listing(
            String path,
            Map<String, String> filters,
            String binding,
            int pageSize,
            int page,
            Optional<String> token,
            Optional<String> cursor) {}

    /** The parameters a list's page URLs repeat, to start with: the {@code AccountSid} selector, when given. */
    static Map<String, String> echoedSelector(HttpRequest request) {
        Map<String, String> echoed = new LinkedHashMap<>();
        request.queryParameter("AccountSid").ifPresent(sid -> echoed.put("AccountSid", sid));
        return echoed;
    }

    Listing read(HttpRequest request, String accountSid, Map<String, String> filters) {
        int pageSize = integer(request, "PageSize", DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new DomainException.Invalid("PageSize must be from 1 to " + MAX_PAGE_SIZE);
        }
        int page = integer(request, "Page", 0);
        if (page < 0) {
            throw new DomainException.Invalid("Page must be 0 or more");
        }
        String binding = request.path() + "|" + accountSid + "|" + filters;
        Optional<String> token = request.queryParameter("PageToken").filter(value -> !value.isEmpty());
        if (token.isPresent() && token.get().length() > MAX_PAGE_TOKEN_LENGTH) {
            throw new DomainException.Invalid("PageToken is not valid for this list: it is longer than any page token ("
                    + MAX_PAGE_TOKEN_LENGTH + " characters); use the next_page_url of the previous page");
        }
        if (page > 0 && token.isEmpty()) {
            throw new DomainException.Invalid(
                    "Page " + page + " needs the PageToken from the previous page's next page URL");
        }
        Optional<String> cursor = token.map(value -> tokens.open(value, binding + "|" + page));
        return new Listing(request.path(), filters, binding, pageSize, page, token, cursor);
    }

    /**
     * Adds the page's items to {@code list} as {@code toJson} writes them, as many as fit what Lambda can answer.
     * Returns the page as answered: cut after the last item that fits, its next page reading on from there, when the
     * rest would not fit.
     */
    static <T> Page<T> writeFitting(Page<T> page, ArrayNode list, Function<T, ObjectNode> toJson) {
        long size = 0;
        for (int i = 0; i < page.items().size(); i++) {
            ObjectNode json = toJson.apply(page.items().get(i));
            size += ResponseSize.inLambdaResponse(Json.write(json)) + 1;
            if (size > ResponseSize.LIST_ITEMS_LIMIT && i > 0) {
                return page.firstItems(i);
            }
            list.add(json);
        }
        return page;
    }

    /** The Monitor APIs' {@code meta} block of a store's page. */
    ObjectNode meta(String key, HttpRequest request, Listing listing, Page<?> page) {
        return meta(key, request, listing, page.nextCursor(), page.previousCursor());
    }

    /** The Monitor APIs' {@code meta} block, with the cursors of the pages after and before this one. */
    ObjectNode meta(
            String key,
            HttpRequest request,
            Listing listing,
            Optional<String> nextCursor,
            Optional<String> previousCursor) {
        String base = request.baseUrl();
        ObjectNode meta = Json.object();
        meta.put("first_page_url", base + firstUri(listing));
        meta.put("key", key);
        meta.put(
                "next_page_url",
                nextUri(listing, nextCursor).map(uri -> base + uri).orElse(null));
        meta.put("page", listing.page());
        meta.put("page_size", listing.pageSize());
        meta.put(
                "previous_page_url",
                previousUri(listing, previousCursor).map(uri -> base + uri).orElse(null));
        meta.put("url", base + uri(listing, listing.page(), listing.token()));
        return meta;
    }

    /** The 2010-04-01 API's flat paging properties of a store's page, beside the list. */
    void putFlat(ObjectNode body, Listing listing, Page<?> page) {
        putFlat(body, listing, page.items().size(), page.nextCursor(), page.previousCursor());
    }

    /** The 2010-04-01 API's flat paging properties, beside the list under {@code key}. */
    void putFlat(
            ObjectNode body, Listing listing, int count, Optional<String> nextCursor, Optional<String> previousCursor) {
        int start = listing.page() * listing.pageSize();
        body.put("end", start + Math.max(count - 1, 0));
        body.put("first_page_uri", firstUri(listing));
        body.put("next_page_uri", nextUri(listing, nextCursor).orElse(null));
        body.put("page", listing.page());
        body.put("page_size", listing.pageSize());
        body.put("previous_page_uri", previousUri(listing, previousCursor).orElse(null));
        body.put("start", start);
        body.put("uri", uri(listing, listing.page(), listing.token()));
    }

    private static String firstUri(Listing listing) {
        return uri(listing, 0, Optional.empty());
    }

    private Optional<String> nextUri(Listing listing, Optional<String> nextCursor) {
        return nextCursor.map(cursor -> pageUri(listing, listing.page() + 1, cursor));
    }

    /**
     * The page before: none before the first; the first itself, which needs no token, before the
     * second; otherwise the page that the store reads back from this one's first item. A page past the
     * end has no first item, and leads back to the first page.
     */
    private Optional<String> previousUri(Listing listing, Optional<String> previousCursor) {
        int previous = listing.page() - 1;
        if (previous < 0) {
            return Optional.empty();
        }
        if (previous == 0 || previousCursor.isEmpty()) {
            return Optional.of(firstUri(listing));
        }
        return Optional.of(pageUri(listing, previous, previousCursor.get()));
    }

    /** A page's URI, its cursor sealed for that page of this listing alone. */
    private String pageUri(Listing listing, int page, String cursor) {
        return uri(listing, page, Optional.of(tokens.seal(cursor, listing.binding() + "|" + page)));
    }

    private static String uri(Listing listing, int page, Optional<String> token) {
        Map<String, String> parameters = new LinkedHashMap<>(listing.filters());
        parameters.put("PageSize", Integer.toString(listing.pageSize()));
        parameters.put("Page", Integer.toString(page));
        token.ifPresent(value -> parameters.put("PageToken", value));
        return listing.path() + "?"
                + parameters.entrySet().stream()
                        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                        .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int integer(HttpRequest request, String name, int fallback) {
        Optional<String> value = request.queryParameter(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new DomainException.Invalid(name + " must be a whole number");
        }
    }
}
