package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monitor.dynamo.alerts.AlertCodec;
import dev.monitor.dynamo.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream filters of template.yaml pick items out by the key prefixes their codecs write, and by nothing else. */
class StreamFiltersTest {
    @Test
    void theUsageMeterTakesEventsAndAlerts() throws IOException {
        assertEquals(
                List.of(EventCodec.KEYS.prefix(), AlertCodec.KEYS.prefix()),
                keyPrefixes("UsageMeterFunction", "TableStream"));
    }

    @Test
    void theAlertCounterTakesAlerts() throws IOException {
        assertEquals(List.of(AlertCodec.KEYS.prefix()), keyPrefixes("AlertCounterFunction", "NewAlerts"));
    }

    /** The {@code prefix} tests on the partition key of the event's one filter pattern. */
    private static List<String> keyPrefixes(String function, String event) throws IOException {
        Template template;
        try (InputStream in = StreamFiltersTest.class.getResourceAsStream("/template.yaml")) {
            template = Template.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Object> filters = TemplateMaps.list(TemplateMaps.at(
                template.resources().get(function).properties(),
                "Events",
                event,
                "Properties",
                "FilterCriteria",
                "Filters"));
        assertEquals(1, filters.size());
        JsonNode pattern = new ObjectMapper()
                .readTree(String.valueOf(TemplateMaps.map(filters.get(0)).get("Pattern")));
        List<String> prefixes = new ArrayList<>();
        pattern.at("/dynamodb/Keys/pk/S")
                .forEach(test -> prefixes.add(test.get("prefix").asText()));
        return prefixes;
    }
}
