package dev.monitor.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RawJsonTest {
    @Test
    void oneJsonValueIsTakenAsItIs() {
        for (String text : new String[] {
            "{}",
            " {\"a\": [1, -2.5e+3, 0, true, false, null, \"\\u00e9\\n\\\"\"], \"b\": {\"c\": {}}} ",
            "[]",
            "\"text\"",
            "-0.5",
            "null"
        }) {
            assertEquals(text, new RawJson(text).text());
        }
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {
            "",
            " ",
            "{",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "{a: 1}",
            "[1 2]",
            "[1,]",
            "01",
            "1.",
            "-",
            "\"tab\tinside\"",
            "\"\\x\"",
            "tru",
            "{} {}",
            "{\"a\": 1} x",
            "[".repeat(2_000) + "]".repeat(2_000)
        }) {
            assertThrows(IllegalArgumentException.class, () -> new RawJson(text), text);
        }
    }

    @Test
    void theWriterMakesAnObjectInTheOrderItsMembersWerePut() {
        JsonObjectWriter writer =
                new JsonObjectWriter().put("name", "a \"quoted\" \\ name").put("count", 5);
        writer.object("nested").put("none", null);
        writer.put("name", "again");
        assertEquals(
                "{\"name\":\"again\",\"count\":5,\"nested\":{\"none\":null}}",
                writer.toJson().text());
    }
}
