package dev.monitor.alarms;

import dev.monitor.paging.Page;
import java.util.List;
import java.util.Optional;

public interface AlarmStore {
    void create(Alarm alarm);

    /** Replaces an existing alarm; false when there is none of this account. */
    boolean replace(Alarm alarm);

    Optional<Alarm> find(String accountSid, String sid);

    boolean delete(String accountSid, String sid);

    /** Oldest first, by Sid. */
    Page<Alarm> list(String accountSid, int pageSize, Optional<String> cursor);

    /** Every alarm of the account, for evaluating a batch. */
    List<Alarm> all(String accountSid);

    /** Records the firing unless its alarm already fired for that window; returns the firing that holds. */
    Firing claimFiring(Firing firing);

    void markNotified(Firing firing);

    /** Newest first. */
    Page<Firing> firings(String alarmSid, int pageSize, Optional<String> cursor);
}
