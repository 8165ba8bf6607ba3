package dev.monitor.events;

/** An event from a record request, and whether it was kept (its type may be switched off). */
public record RecordedEvent(Event event, boolean stored) {}
