package dev.monitor.connect;

import dev.monitor.accounts.Account;
import java.util.Optional;

/** An account a request may act on, and the Connect app grant it acts through, when not its own family's. */
public record AccountAccess(Account account, Optional<ConnectAppGrant> grant) {}
