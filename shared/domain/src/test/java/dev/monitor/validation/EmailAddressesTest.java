package dev.monitor.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"ops@example.com", "first.last+alerts@mail.example.co.uk", "o'brien@example.org", "a_b-c@x-y.io"
            })
    void acceptsDeliverableAddresses(String address) {
        assertTrue(EmailAddresses.isValid(address));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ops",
                "ops@",
                "@example.com",
                "ops@example",
                "a..b@example.com",
                ".a@example.com",
                "a b@example.com",
                "a@b@example.com",
                "a@-example.com",
                "a@example.c0m",
                "\"quoted\"@example.com",
                "a@[127.0.0.1]",
                "a@example.com\n"
            })
    void refusesTheRest(String address) {
        assertFalse(EmailAddresses.isValid(address));
    }
}
