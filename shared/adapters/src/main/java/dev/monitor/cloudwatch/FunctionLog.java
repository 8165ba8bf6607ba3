package dev.monitor.cloudwatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.monitor.logging.Log;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function instance's log and metrics: each line one JSON object, as Lambda's JSON log format reads it ({@code
 * timestamp}, {@code level}, {@code message}), with the invocation's {@code requestId} and {@code function}, the fields
 * the invocation added (the api's {@code accountSid}, {@code method}, {@code route}, ...) and the line's own. Its
 * metrics go out as one Embedded Metric Format line when the invocation ends.
 *
 * <p>Lambda hands an instance one invocation at a time, and so does the local stack, so the invocation is the
 * instance's, not a thread's: the threads an invocation starts (the notifier's deliveries) log in its name.
 */
public final class FunctionLog implements Log, Metrics {
    private static final JsonFactory JSON = new JsonFactory();

    private final String function;
    private final Clock clock;
    private volatile LogSink sink;
    private volatile Invocation invocation;

    /** @param function the function's short name ({@code api}, {@code notifier}, ...): its metrics' dimension */
    public FunctionLog(String function, LogSink sink, Clock clock) {
        this.function = function;
        this.sink = sink;
        this.clock = clock;
    }

    /** On Lambda: the lines to stdout, which the runtime sends to the function's log group. */
    public static FunctionLog toStdout(String function) {
        return new FunctionLog(function, LogSink.STDOUT, Clock.systemUTC());
    }

    /** Sends the lines elsewhere from now on: the local stack collects every function's. */
    public void sendTo(LogSink sink) {
        this.sink = sink;
    }

    /** An invocation starts: its request id and function name from Lambda's context (none when called without one). */
    public void begin(Context context) {
        invocation = new Invocation(
                context == null ? null : context.getAwsRequestId(),
                context == null || context.getFunctionName() == null ? function : context.getFunctionName());
    }

    /** The invocation ends: its metrics are written, and later lines carry no request id. */
    public void end() {
        Invocation ended = invocation;
        invocation = null;
        if (ended != null && !ended.metrics.isEmpty()) {
            long now = clock.millis();
            sink.write(line(json -> {
                json.writeStringField("level", Level.INFO.name());
                json.writeStringField("message", "Metrics");
                if (ended.requestId != null) {
                    json.writeStringField("requestId", ended.requestId);
                }
                json.writeStringField("function", ended.functionName);
                ended.metrics.writeTo(json, function, now);
            }));
        }
    }

    /** A field every later line of this invocation carries, such as the account it acts for. */
    public void put(String field, Object value) {
        Invocation current = invocation;
        if (current != null) {
            synchronized (current.fields) {
                current.fields.put(field, value);
            }
        }
    }

    /** The class of the api's answer, a dimension of its request metrics. */
    public void statusClass(String statusClass) {
        Invocation current = invocation;
        if (current != null) {
            current.metrics.statusClass(statusClass);
        }
    }

    /** Counted into the current invocation's metrics; outside an invocation, dropped. */
    @Override
    public void add(Metric metric, double value) {
        Invocation current = invocation;
        if (current != null) {
            current.metrics.add(metric, value);
        }
    }

    @Override
    public void write(Level level, String message, Map<String, ?> fields, Throwable error) {
        Invocation current = invocation;
        Map<String, Object> invocationFields;
        if (current == null) {
            invocationFields = Map.of();
        } else {
            synchronized (current.fields) {
                invocationFields = new LinkedHashMap<>(current.fields);
            }
        }
        sink.write(line(json -> {
            json.writeStringField("timestamp", clock.instant().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("message", message);
            if (current != null && current.requestId != null) {
                json.writeStringField("requestId", current.requestId);
            }
            json.writeStringField("function", current == null ? function : current.functionName);
            writeFields(json, invocationFields);
            writeFields(json, fields);
            if (error != null) {
                json.writeStringField("errorType", error.getClass().getName());
                json.writeStringField("errorMessage", String.valueOf(error.getMessage()));
                StringWriter trace = new StringWriter();
                error.printStackTrace(new PrintWriter(trace));
                json.writeStringField("stackTrace", trace.toString());
            }
        }));
    }

    private static void writeFields(JsonGenerator json, Map<String, ?> fields) throws IOException {
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            Object value = field.getValue();
            if (value == null) {
                continue;
            }
            json.writeFieldName(field.getKey());
            if (value instanceof Integer || value instanceof Long) {
                json.writeNumber(((Number) value).longValue());
            } else if (value instanceof Number number) {
                json.writeNumber(number.doubleValue());
            } else if (value instanceof Boolean bool) {
                json.writeBoolean(bool);
            } else {
                json.writeString(value.toString());
            }
        }
    }

    private interface Members {
        void write(JsonGenerator json) throws IOException;
    }

    private static String line(Members members) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a log line to a string failed", e);
        }
        return text.toString();
    }

    private static final class Invocation {
        final String requestId;
        final String functionName;
        final Map<String, Object> fields = new LinkedHashMap<>();
        final EmbeddedMetrics metrics = new EmbeddedMetrics();

        Invocation(String requestId, String functionName) {
            this.requestId = requestId;
            this.functionName = functionName;
        }
    }
}
