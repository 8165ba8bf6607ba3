package dev.monitor.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    @ParameterizedTest
    @CsvSource({
        "192.168.0.1, 192.168.0.1",
        "0.0.0.0, 0.0.0.0",
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8::1, 2001:db8::1",
        "::1, ::1",
        "::, ::",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:1:0:0:0, fe80::1:0:0:0",
    })
    void acceptsAddressesInOneCanonicalForm(String text, String canonical) {
        assertEquals(Optional.of(canonical), IpAddresses.canonical(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.1.1.1",
                "1.2.3",
                "01.2.3.4",
                "1.2.3.4.5",
                "example.com",
                "localhost",
                "1::2::3",
                "fe80::1%eth0",
                "",
                " 1.2.3.4",
                "12345::1"
            })
    void refusesAnythingElseWithoutLookingItUp(String text) {
        assertTrue(IpAddresses.canonical(text).isEmpty(), text);
    }
}
