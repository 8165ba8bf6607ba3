package dev.monitor.usage;

import java.util.Optional;

/**
 * What a request changes of a usage trigger: what Twilio lets change, each present only when the request sets it. The
 * callback URL has not been checked against the SSRF policy yet; {@link UsageTriggers#update} does that.
 */
public record UsageTriggerChange(
        Optional<String> callbackUrl, Optional<String> callbackMethod, Optional<String> friendlyName) {}
