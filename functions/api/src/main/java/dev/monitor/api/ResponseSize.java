package dev.monitor.api;

import java.nio.charset.StandardCharsets;

/**
 * What an answer weighs where Lambda weighs it: the body travels as a JSON string inside the function's response,
 * which a synchronous invocation may return up to {@value #LAMBDA_RESPONSE_LIMIT} bytes of. Beyond it Lambda fails the
 * invocation and the HTTP API answers 500, so a list stops adding items well before it.
 */
final class ResponseSize {
    /** Lambda's limit on a synchronous invocation's response payload, in bytes. */
    static final int LAMBDA_RESPONSE_LIMIT = 6_291_556;
    /** What a list's items may take of it: the rest is for the envelope, its headers and the page's links. */
    static final int LIST_ITEMS_LIMIT = LAMBDA_RESPONSE_LIMIT - 64 * 1024;

    private ResponseSize() {}

    /** The bytes {@code json} takes as (part of) the body string of Lambda's response, escapes included. */
    static long inLambdaResponse(String json) {
        long bytes = json.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                bytes += 1;
            } else if (c < 0x20) {
                bytes += 5; // written as \\u00XX
            }
        }
        return bytes;
    }
}
