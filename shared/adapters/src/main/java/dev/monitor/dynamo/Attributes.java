package dev.monitor.dynamo;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short ways to build and read DynamoDB attribute values. */
public final class Attributes {
    private Attributes() {}

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue b(byte[] value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    /** Puts a string attribute, or nothing for null: DynamoDB items leave absent properties out. */
    public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        return optionalString(item, name).orElseThrow(() -> new IllegalStateException("Stored item lacks " + name));
    }

    public static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    /** The string, or null where the item leaves it out, which is how the records hold an absent property. */
    public static String stringOrNull(Map<String, AttributeValue> item, String name) {
        return optionalString(item, name).orElse(null);
    }

    public static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    public static Optional<Long> optionalNumber(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Long::parseLong);
    }

    public static byte[] bytes(Map<String, AttributeValue> item, String name) {
        return item.get(name).b().asByteArray();
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(string(item, name));
    }
}
