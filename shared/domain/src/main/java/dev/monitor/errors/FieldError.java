package dev.monitor.errors;

/** One problem with one field; {@code index} is the item's place in a batch, or -1 for a single object. */
public record FieldError(int index, String field, String problem) {

    public static FieldError of(String field, String problem) {
        return new FieldError(-1, field, problem);
    }

    public FieldError at(int itemIndex) {
        return new FieldError(itemIndex, field, problem);
    }

    public String describe() {
        return (index >= 0 ? "item " + index + ": " : "") + field + " " + problem;
    }
}
