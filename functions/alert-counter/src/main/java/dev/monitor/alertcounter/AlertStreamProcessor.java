package dev.monitor.alertcounter;

import dev.monitor.alerts.StreamedAlert;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the alert counter function does with a batch of new alerts: count them, then evaluate the alarms they touch. */
public final class AlertStreamProcessor {
    /**
     * What one batch of streamed alerts did.
     *
     * @param firstFailed the sequence number of the earliest alert of the batch that must come again,
     *     if any; everything from it on is redelivered, and what was counted already is not counted twice
     * @param counterWrites write requests spent on counters, for the benchmark
     */
    public record Result(Optional<String> firstFailed, int counterWrites) {}

    private final AlertCounter counter;
    private final AlarmEvaluator evaluator;

    public AlertStreamProcessor(AlertCounter counter, AlarmEvaluator evaluator) {
        this.counter = counter;
        this.evaluator = evaluator;
    }

    /** {@code alerts} in the order the stream delivered them. */
    public Result process(List<StreamedAlert> alerts) {
        AlertCounter.Result counted = counter.count(alerts);
        Set<StreamedAlert> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        failed.addAll(counted.failed());
        List<StreamedAlert> countedAlerts =
                alerts.stream().filter(alert -> !failed.contains(alert)).toList();
        failed.addAll(evaluator.evaluate(countedAlerts));
        Optional<String> first =
                alerts.stream().filter(failed::contains).findFirst().map(StreamedAlert::sequenceNumber);
        return new Result(first, counted.writes());
    }
}
