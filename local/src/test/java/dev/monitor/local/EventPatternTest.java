package dev.monitor.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INSERT = json("""
            {"eventName": "INSERT", "dynamodb": {"NewImage": {"pk": {"S": "ST#1"}, "count": {"N": "3"}, "tags": {"SS": ["a", "b"]}},
             "SizeBytes": 42}}""");

    @Test
    void matchesExactValuesPrefixesAndNestedKeys() {
        assertTrue(matches("""
                {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"pk": {"S": [{"prefix": "ST#"}]}}}}"""));
        assertFalse(matches("""
                {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"pk": {"S": [{"prefix": "AC#"}]}}}}"""));
        assertFalse(matches("""
                {"eventName": ["MODIFY", "REMOVE"]}"""));
        assertTrue(matches("""
                {"eventName": ["MODIFY", "INSERT"]}"""));
    }

    @Test
    void existsTestsWhetherTheFieldIsThere() {
        assertTrue(matches("""
                {"dynamodb": {"OldImage": [{"exists": false}], "NewImage": {"pk": [{"exists": true}]}}}"""));
        assertFalse(matches("""
                {"dynamodb": {"OldImage": [{"exists": true}]}}"""));
    }

    @Test
    void otherContentTests() {
        assertTrue(matches("""
                {"dynamodb": {"NewImage": {"pk": {"S": [{"suffix": "#1"}]}}}}"""));
        assertTrue(matches("""
                {"eventName": [{"equals-ignore-case": "insert"}]}"""));
        assertTrue(matches("""
                {"eventName": [{"anything-but": ["REMOVE"]}]}"""));
        assertFalse(matches("""
                {"eventName": [{"anything-but": {"prefix": "INS"}}]}"""));
        assertTrue(matches("""
                {"dynamodb": {"SizeBytes": [{"numeric": [">", 10, "<=", 42]}]}}"""));
        assertFalse(matches("""
                {"dynamodb": {"SizeBytes": [{"numeric": [">", 42]}]}}"""));
        assertTrue(matches("""
                {"dynamodb": {"NewImage": {"tags": {"SS": ["b"]}}}}"""), "an array in the event matches when one element does");
    }

    @Test
    void rejectsPatternsItCannotEvaluate() {
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse("{\"eventName\": \"INSERT\"}"));
        assertThrows(
                IllegalArgumentException.class, () -> EventPattern.parse("{\"eventName\": [{\"wildcard\": \"I*\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> EventPattern.parse("not json"));
    }

    private static boolean matches(String pattern) {
        return EventPattern.parse(pattern).matches(INSERT);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
