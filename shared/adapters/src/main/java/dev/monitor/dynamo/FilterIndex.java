package dev.monitor.dynamo;

/**
 * A filter that an index serves: items with a value for {@code attribute} are written again under
 * {@code <log>#<tag>#<value>#<shard>} in {@code keyAttribute}, the partition key of {@code indexName}.
 */
public record FilterIndex(String indexName, String keyAttribute, String tag, String attribute) {

    public IndexedValue of(String value) {
        return new IndexedValue(this, value);
    }
}
