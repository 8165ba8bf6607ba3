package dev.monitor.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.json.JsonObjectWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void everyKindOfValueReadsAndWritesBackTheSame() throws Exception {
        String text = "{\"s\":\"a\\\"b\\u00e9\",\"i\":-7,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"d\":1.15,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"x\":{\"y\":[null]}}}";
        JsonNode node = Json.parse(text);
        assertEquals("a\"bé", node.get("s").asText());
        assertTrue(node.get("l").isLong());
        assertTrue(node.get("big").isBigInteger());
        assertEquals(1.15, node.get("d").asDouble());
        assertEquals(node, Json.parse(Json.write(node)));
        assertEquals(
                "{\"s\":\"a\\\"bé\",\"i\":-7,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                        + "\"d\":1.15,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"x\":{\"y\":[null]}}}",
                Json.write(node));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{",
                "{\"a\":1,}",
                "{\"a\":1} {}",
                "[1] x",
                "{\"a\":1,\"a\":2}",
                "NaN",
                "{'a':1}",
                "{a:1}"
            })
    void refusesWhatIsNotExactlyOneJsonValue(String text) {
        assertThrows(JsonProcessingException.class, () -> Json.parse(text));
    }

    /** What the domain writes itself (a webhook's payload, an audit event's properties) is what Jackson writes. */
    @Test
    void theDomainsWriterWritesWhatJacksonWrites() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        every.append("é€\u2028😀");
        JsonObjectWriter domain =
                new JsonObjectWriter().put("text", every.toString()).put("count", -12345678901L);
        domain.object("nested").put("none", null).put(every.toString(), "key");
        ObjectNode jackson = Json.object().put("text", every.toString()).put("count", -12345678901L);
        jackson.putObject("nested").put("none", (String) null).put(every.toString(), "key");

        assertEquals(Json.write(jackson), domain.toJson().text());
        assertEquals(jackson, Json.node(domain.toJson()));
    }
}
