package dev.monitor.usage;

import java.util.Optional;

/** The list filters of Twilio's usage triggers. */
public record TriggerFilter(
        Optional<Recurring> recurring, Optional<TriggerBy> triggerBy, Optional<UsageCategory> category) {}
