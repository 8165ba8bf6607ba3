package dev.monitor.compat;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Twilio's own HTTP client with one change: requests for {@code https://<product>.twilio.com} go to
 * the local stack instead. Everything else (paths, parameters, auth, parsing) is the helper library's.
 */
public final class LocalHostHttpClient extends NetworkHttpClient {
    private final String baseUrl;

    public LocalHostHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        Request local = new Request(
                request.getMethod(), request.getUrl().replaceFirst("^https://[a-z0-9.-]+\\.twilio\\.com", baseUrl));
        if (request.getUsername() != null) {
            local.setAuth(request.getUsername(), request.getPassword());
        } else if (request.getAuthStrategy() != null) {
            local.setAuth(request.getAuthStrategy());
        }
        request.getQueryParams().forEach((name, values) -> values.forEach(value -> local.addQueryParam(name, value)));
        request.getPostParams().forEach((name, values) -> values.forEach(value -> local.addPostParam(name, value)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> local.addHeaderParam(name, value)));
        if (request.getContentType() != null) {
            local.setContentType(request.getContentType());
        }
        if (request.getBody() != null) {
            local.setBody(request.getBody());
        }
        return super.makeRequest(local);
    }
}
