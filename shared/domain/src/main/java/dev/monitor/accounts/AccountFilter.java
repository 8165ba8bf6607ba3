package dev.monitor.accounts;

import java.util.Optional;

/** The filters of Twilio's account list. */
public record AccountFilter(Optional<String> friendlyName, Optional<AccountStatus> status) {
    public static final AccountFilter NONE = new AccountFilter(Optional.empty(), Optional.empty());

    public boolean matches(Account account) {
        return friendlyName.map(account.friendlyName()::equals).orElse(true)
                && status.map(account.status()::equals).orElse(true);
    }
}
