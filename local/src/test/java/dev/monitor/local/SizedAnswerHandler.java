package dev.monitor.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.monitor.jackson.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Test handler for {@code GET /answers/{bytes}}: answers a 200 whose JSON, as the handler returns it to Lambda, is
 * exactly that many bytes.
 */
public final class SizedAnswerHandler implements RequestStreamHandler {
    private static final byte[] HEAD = "{\"statusCode\":200,\"body\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    public SizedAnswerHandler(Map<String, String> environment) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int size = Json.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8))
                .path("pathParameters")
                .path("bytes")
                .asInt();
        byte[] body = new byte[size - HEAD.length - TAIL.length];
        Arrays.fill(body, (byte) 'a');
        output.write(HEAD);
        output.write(body);
        output.write(TAIL);
    }
}
