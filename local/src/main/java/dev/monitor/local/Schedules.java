package dev.monitor.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitor.jackson.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** EventBridge's part: invokes the scheduled functions with a Scheduled Event on their rate or cron. */
final class Schedules implements AutoCloseable {
    private record Entry(LambdaFunction function, EventSource.Schedule schedule) {}

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "schedules");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Entry> entries = new ArrayList<>();

    void add(LambdaFunction function, EventSource.Schedule schedule) {
        entries.add(new Entry(function, schedule));
        if (schedule.expression() instanceof ScheduleExpression.Rate rate) {
            long period = rate.period().toMillis();
            // runLogged logs each run's failure; the futures only end when close() shuts the timer down.
            var unused = timer.scheduleAtFixedRate(
                    () -> runLogged(function, schedule), period, period, TimeUnit.MILLISECONDS);
        } else if (schedule.expression() instanceof ScheduleExpression.Cron cron) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            long untilNextMinute = Duration.between(
                            now, now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1))
                    .toMillis();
            var unused = timer.scheduleAtFixedRate(
                    () -> {
                        if (cron.matches(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES))) {
                            runLogged(function, schedule);
                        }
                    },
                    untilNextMinute,
                    Duration.ofMinutes(1).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs each schedule of the function once, now, on the caller's thread; for tests that cannot wait for the clock.
     */
    void runNow(String functionName) throws Exception {
        List<Entry> due = entries.stream()
                .filter(entry -> entry.function().name().equals(functionName))
                .toList();
        if (due.isEmpty()) {
            throw new IllegalArgumentException("Function " + functionName + " has no schedule");
        }
        for (Entry entry : due) {
            entry.function().invoke(event(entry.function(), entry.schedule()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static void runLogged(LambdaFunction function, EventSource.Schedule schedule) {
        try {
            function.invoke(event(function, schedule));
        } catch (Exception | Error e) {
            // An uncaught throwable would cancel the schedule's later runs.
            Log.error("Function " + function.name() + " failed on schedule " + schedule.ruleName(), e);
        }
    }

    /** EventBridge's Scheduled Event, as its rule sends it to a function. */
    private static ObjectNode event(LambdaFunction function, EventSource.Schedule schedule) {
        ObjectNode event = Json.object()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", Intrinsics.ACCOUNT_ID)
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", function.region());
        event.putArray("resources")
                .add("arn:aws:events:" + function.region() + ":" + Intrinsics.ACCOUNT_ID + ":rule/"
                        + schedule.ruleName());
        event.putObject("detail");
        return event;
    }
}
