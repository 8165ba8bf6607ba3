package dev.monitor.usage;

import dev.monitor.logging.Log;
import dev.monitor.notify.ConsoleLinks;
import dev.monitor.notify.NotificationJob;
import dev.monitor.notify.NotificationQueue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduled usage check. It looks only at the accounts whose usage changed since the last
 * check (the change log the meters write), and fires each of their triggers whose value is reached,
 * at most once per recurring period: a notification job for Twilio's callback, then a conditional
 * write that records the period. The job comes first and its id is the same for every attempt in
 * the period, so a check that fails between the two queues a job the notifier delivers once.
 */
public final class UsageCheck {
    /** Twilio's date format in 2010-04-01 resources and callbacks. */
    public static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    /** After an outage the check looks back at most this far; older changes wait for the account's next one. */
    static final int MAX_CATCH_UP_MINUTES = 60;

    /** What one run did. */
    public record Result(long fromMinute, long toMinute, int accountsChecked, int triggersFired) {}

    private final UsageStore usageStore;
    private final TriggerStore triggers;
    private final UsageRecords usage;
    private final NotificationQueue queue;
    private final ConsoleLinks console;
    private final Clock clock;
    private final Log log;

    public UsageCheck(
            UsageStore usageStore,
            TriggerStore triggers,
            UsageRecords usage,
            NotificationQueue queue,
            ConsoleLinks console,
            Clock clock,
            Log log) {
        this.usageStore = usageStore;
        this.triggers = triggers;
        this.usage = usage;
        this.queue = queue;
        this.console = console;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Checks the accounts that changed from the minute after the last check through the current
     * minute. The current minute is not over, so the checkpoint stops short of it and the next run
     * looks at it again.
     */
    public Result run() {
        Instant now = clock.instant();
        long currentMinute = Math.floorDiv(now.getEpochSecond(), 60);
        Optional<Long> checked = usageStore.lastCheckedMinute();
        // A checkpoint ahead of this clock (a clock set forward, in tests) or far behind it is not followed.
        long from = checked.filter(minute -> minute < currentMinute && minute >= currentMinute - MAX_CATCH_UP_MINUTES)
                .map(minute -> minute + 1)
                .orElse(currentMinute - 1);
        Set<String> accounts = new TreeSet<>();
        for (long minute = from; minute <= currentMinute; minute++) {
            accounts.addAll(usageStore.changedDuring(minute));
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int fired = 0;
        List<String> failed = new ArrayList<>();
        for (String account : accounts) {
            try {
                fired += check(account, today, now);
            } catch (RuntimeException e) {
                log.write(Log.Level.WARN, "Usage check of an account failed", Map.of("accountSid", account), e);
                failed.add(account);
            }
        }
        if (!failed.isEmpty()) {
            // The checkpoint stays, so the next run checks these minutes again.
            throw new IllegalStateException(
                    "Usage check failed for " + failed.size() + " accounts, first " + failed.get(0));
        }
        usageStore.checkedThrough(currentMinute - 1);
        return new Result(from, currentMinute, accounts.size(), fired);
    }

    private int check(String accountSid, LocalDate today, Instant now) {
        List<UsageTrigger> armed = triggers.all(accountSid).stream()
                .filter(trigger -> !trigger.firedPeriod()
                        .equals(Optional.of(trigger.recurring().periodKey(today))))
                .toList();
        if (armed.isEmpty()) {
            return 0;
        }
        UsageLedger ledger = usage.currentLedger(accountSid, today);
        Map<UsageTrigger, BigDecimal> reached = new LinkedHashMap<>();
        List<NotificationJob> jobs = new ArrayList<>();
        for (UsageTrigger trigger : armed) {
            BigDecimal value = ledger.measure(
                            trigger.category(), trigger.recurring().periodStart(today), today)
                    .field(trigger.triggerBy());
            if (value.compareTo(trigger.triggerValue()) >= 0) {
                reached.put(trigger, value);
                jobs.add(job(trigger, trigger.recurring().periodKey(today), value, now));
            }
        }
        if (jobs.isEmpty()) {
            return 0;
        }
        queue.enqueue(jobs);
        int fired = 0;
        for (Map.Entry<UsageTrigger, BigDecimal> entry : reached.entrySet()) {
            if (triggers.markFired(
                    entry.getKey(), entry.getKey().recurring().periodKey(today), now, entry.getValue())) {
                fired++;
            }
        }
        return fired;
    }

    /**
     * Twilio's usage trigger callback, with the parameters Twilio sends, and {@code ConsoleUrl}, the trigger's page in
     * the console, beside the API's {@code UsageRecordUri} (which asks a person for a password).
     */
    private NotificationJob job(UsageTrigger trigger, String period, BigDecimal value, Instant now) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", trigger.accountSid());
        parameters.put("UsageTriggerSid", trigger.sid());
        parameters.put("DateFired", RFC_2822.format(now));
        parameters.put("Recurring", trigger.recurring().wireName());
        parameters.put("UsageCategory", trigger.category().wireName());
        parameters.put("TriggerBy", trigger.triggerBy().wireName());
        parameters.put("TriggerValue", UsageTrigger.format(trigger.triggerValue()));
        parameters.put("CurrentValue", UsageTrigger.format(value));
        parameters.put("UsageRecordUri", trigger.usageRecordUri());
        // The same for every attempt in the period, as Twilio's is for every retry of one firing.
        String occurrence = trigger.accountSid() + "-FIRES-" + trigger.sid() + "-" + period;
        parameters.put("IdempotencyToken", occurrence);
        parameters.put("ConsoleUrl", console.usageTrigger(trigger.accountSid(), trigger.sid()));
        return new NotificationJob(
                NotificationJob.jobId(occurrence, NotificationJob.Channel.WEBHOOK, trigger.callbackUrl()),
                trigger.accountSid(),
                new NotificationJob.Source(NotificationJob.SourceType.USAGE_TRIGGER, trigger.sid()),
                NotificationJob.Channel.WEBHOOK,
                trigger.callbackUrl(),
                new NotificationJob.TwilioCallback(trigger.callbackMethod(), parameters),
                now);
    }
}
