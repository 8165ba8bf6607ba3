package dev.monitor.dynamo;

/** A value of a filter an index serves, as a request sets it or an item holds it. */
public record IndexedValue(FilterIndex index, String value) {

    /** The index partition of this value in one shard of a log ({@link TimelineKeys#log}). */
    public String partitionKey(String log, int shard) {
        return log + "#" + index.tag() + "#" + value + "#" + shard;
    }
}
