package dev.monitor.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.monitor.metrics.Metric;
import dev.monitor.metrics.Metrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's metrics, written as one log line in CloudWatch's Embedded Metric Format: counts summed, times kept
 * value by value (up to EMF's 100 a metric). Every metric has the dimension {@code Function}; the api's requests and
 * latency have {@code Function} with {@code StatusClass} too.
 */
public final class EmbeddedMetrics implements Metrics {
    public static final String NAMESPACE = "Monitor";
    /** EMF takes at most 100 values of one metric in one line. */
    static final int MAX_VALUES = 100;

    private final Map<Metric, List<Double>> values = new EnumMap<>(Metric.class);
    private String statusClass;

    @Override
    public synchronized void add(Metric metric, double value) {
        List<Double> kept = values.computeIfAbsent(metric, name -> new ArrayList<>());
        if (metric.unit() == Metric.Unit.COUNT) {
            kept.add(kept.isEmpty() ? value : kept.remove(0) + value);
        } else if (kept.size() < MAX_VALUES) {
            kept.add(value);
        }
    }

    /** The api's request's class of status ({@code 2xx}, {@code 4xx}, ...). */
    public synchronized void statusClass(String statusClass) {
        this.statusClass = statusClass;
    }

    public synchronized boolean isEmpty() {
        return values.isEmpty();
    }

    /** The members of the EMF document, written into the object {@code json} has open. */
    public synchronized void writeTo(JsonGenerator json, String function, long timestampMillis) throws IOException {
        List<Metric> byFunction = new ArrayList<>();
        List<Metric> byStatusClass = new ArrayList<>();
        values.keySet()
                .forEach(metric ->
                        (metric.byStatusClass() && statusClass != null ? byStatusClass : byFunction).add(metric));
        json.writeObjectFieldStart("_aws");
        json.writeNumberField("Timestamp", timestampMillis);
        json.writeArrayFieldStart("CloudWatchMetrics");
        if (!byFunction.isEmpty()) {
            directive(json, byFunction, false);
        }
        if (!byStatusClass.isEmpty()) {
            directive(json, byStatusClass, true);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeStringField("Function", function);
        if (statusClass != null) {
            json.writeStringField("StatusClass", statusClass);
        }
        for (Map.Entry<Metric, List<Double>> metric : values.entrySet()) {
            List<Double> kept = metric.getValue();
            if (kept.size() == 1) {
                number(json, metric.getKey().metricName(), kept.get(0));
            } else {
                json.writeArrayFieldStart(metric.getKey().metricName());
                for (double value : kept) {
                    number(json, null, value);
                }
                json.writeEndArray();
            }
        }
    }

    private static void directive(JsonGenerator json, List<Metric> metrics, boolean byStatusClass) throws IOException {
        json.writeStartObject();
        json.writeStringField("Namespace", NAMESPACE);
        json.writeArrayFieldStart("Dimensions");
        if (byStatusClass) {
            json.writeStartArray();
            json.writeString("Function");
            json.writeString("StatusClass");
            json.writeEndArray();
        }
        json.writeStartArray();
        json.writeString("Function");
        json.writeEndArray();
        json.writeEndArray();
        json.writeArrayFieldStart("Metrics");
        for (Metric metric : metrics) {
            json.writeStartObject();
            json.writeStringField("Name", metric.metricName());
            json.writeStringField("Unit", metric.unit().emfName());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Whole numbers as integers, so a count reads {@code 3}, not {@code 3.0}. */
    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (name != null) {
            json.writeFieldName(name);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }
}
