package dev.monitor.storage;

/**
 * The value of one filter that an index serves: items with it are written again under
 * {@code <log>#<tag>#<value>#<shard>} in {@code keyAttribute}, the partition key of {@code indexName}.
 */
public record IndexedValue(String indexName, String keyAttribute, String tag, String attribute, String value) {

    /** The index partition of this value in one shard of a log, such as {@code EV#<account>}. */
    public String partitionKey(String log, int shard) {
        return log + "#" + tag + "#" + value + "#" + shard;
    }
}
