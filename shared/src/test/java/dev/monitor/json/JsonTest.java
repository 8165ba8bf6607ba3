package dev.monitor.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
}
