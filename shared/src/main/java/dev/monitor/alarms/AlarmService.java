package dev.monitor.alarms;

import dev.monitor.accounts.Account;
import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import dev.monitor.ids.Sids;
import dev.monitor.ids.TimeOrderedSids;
import dev.monitor.notify.DisabledDestinations;
import dev.monitor.notify.NotificationQueue;
import dev.monitor.paging.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Alarms of an account: create, read, change, delete, their firing logs, and test notifications. */
public final class AlarmService {
    /**
     * The most alarms an account may have, as for usage triggers: each alert the account records is checked against
     * every one of them, and each can queue a notification.
     */
    public static final int MAX_PER_ACCOUNT = 1000;

    /** Twilio Monitor v2's alarm Sid prefix. */
    public static final String SID_PREFIX = "AK";
    /** In order of creation, so that the account's alarms list by date. */
    private static final TimeOrderedSids SIDS = new TimeOrderedSids(SID_PREFIX, 1);

    private final AlarmStore alarms;
    private final AlarmCounts counts;
    private final AlarmNotifications notifications;
    private final NotificationQueue queue;
    private final DisabledDestinations disabledDestinations;
    private final Clock clock;

    public AlarmService(
            AlarmStore alarms,
            AlarmCounts counts,
            AlarmNotifications notifications,
            NotificationQueue queue,
            DisabledDestinations disabledDestinations,
            Clock clock) {
        this.alarms = alarms;
        this.counts = counts;
        this.notifications = notifications;
        this.queue = queue;
        this.disabledDestinations = disabledDestinations;
        this.clock = clock;
    }

    public Alarm create(Account account, AlarmSpec spec) {
        account.checkWritable();
        Instant now = clock.instant();
        Alarm alarm = spec.toAlarm(SIDS.of(now, Secrets.randomBytes(10)), account.sid(), now, now);
        try {
            alarms.create(alarm, MAX_PER_ACCOUNT);
        } catch (AlarmStore.LimitReached e) {
            throw new DomainException.Invalid(
                    "An account may have at most " + MAX_PER_ACCOUNT + " alarms; delete one first");
        }
        enableWebhook(alarm);
        return alarm;
    }

    /** Each change is one write of what it sets, so concurrent changes never put back what another replaced. */
    public Alarm replace(Account account, String sid, AlarmSpec spec) {
        account.checkWritable();
        Alarm replaced = validSid(sid)
                .flatMap(valid -> alarms.replace(account.sid(), valid, spec, clock.instant()))
                .orElseThrow(() -> notFound(sid));
        enableWebhook(replaced);
        return replaced;
    }

    public Alarm setEnabled(Account account, String sid, boolean enabled) {
        account.checkWritable();
        return validSid(sid)
                .flatMap(valid -> alarms.setEnabled(account.sid(), valid, enabled, clock.instant()))
                .orElseThrow(() -> notFound(sid));
    }

    private static Optional<String> validSid(String sid) {
        return Optional.of(sid).filter(value -> Sids.isSid(SID_PREFIX, value));
    }

    public Alarm fetch(Account account, String sid) {
        return validSid(sid).flatMap(valid -> alarms.find(account.sid(), valid)).orElseThrow(() -> notFound(sid));
    }

    public void delete(Account account, String sid) {
        account.checkWritable();
        if (!Sids.isSid(SID_PREFIX, sid) || !alarms.delete(account.sid(), sid)) {
            throw notFound(sid);
        }
    }

    public Page<Alarm> list(Account account, boolean oldestFirst, int pageSize, Optional<String> cursor) {
        return alarms.list(account.sid(), oldestFirst, pageSize, cursor);
    }

    public Page<Firing> logs(Account account, String sid, int pageSize, Optional<String> cursor) {
        Alarm alarm = fetch(account, sid);
        return alarms.firings(alarm.sid(), pageSize, cursor);
    }

    /**
     * Sends a test notification through the alarm's real channels, with the count of its current
     * window; it is not logged and does not stop the alarm from firing. Its links start with the
     * configured public URL, else with {@code requestBaseUrl}, where the request came.
     */
    public Firing test(Account account, String sid, String requestBaseUrl) {
        account.checkWritable();
        Alarm alarm = fetch(account, sid);
        if (alarm.webhook().isEmpty() && alarm.email().isEmpty()) {
            throw new DomainException.Invalid("Alarm " + sid + " has no webhook and no email to test");
        }
        Instant now = clock.instant();
        Window window = alarm.windowOf(now);
        String occurrence = "test@" + Sids.random("TS");
        Firing test = new Firing(
                alarm.sid(),
                alarm.accountSid(),
                window,
                counts.count(alarm, window),
                alarm.triggerValue(),
                now,
                notifications.plan(alarm, occurrence),
                true,
                Optional.empty());
        queue.enqueue(notifications.linkingTo(requestBaseUrl).jobs(alarm, test, AlarmNotifications.TEST, now));
        return test;
    }

    /**
     * Saving an alarm with a webhook is the account asking for that URL, even one its receiver disabled with 410 Gone.
     */
    private void enableWebhook(Alarm alarm) {
        alarm.webhook().ifPresent(url -> disabledDestinations.enable(alarm.accountSid(), url));
    }

    private static DomainException.NotFound notFound(String sid) {
        return new DomainException.NotFound("The requested resource /Alarms/" + sid + " was not found");
    }
}
