package dev.monitor.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.monitor.crypto.Secrets;
import dev.monitor.errors.DomainException;
import org.junit.jupiter.api.Test;

class PageTokensTest {
    private final byte[] key = Secrets.randomBytes(32);
    private final PageTokens tokens = new PageTokens(name -> key);

    @Test
    void aTokenOpensOnlyForTheListItWasMadeFor() {
        String token = tokens.seal("AE01,AE02,~,", "events|AC1|{EventType=a.b}|1");
        assertEquals("AE01,AE02,~,", tokens.open(token, "events|AC1|{EventType=a.b}|1"));
        assertFalse(token.contains("AE01"), "a token does not show its cursor");
        assertThrows(DomainException.Invalid.class, () -> tokens.open(token, "events|AC2|{EventType=a.b}|1"));
        assertThrows(DomainException.Invalid.class, () -> tokens.open(token, "events|AC1|{EventType=a.c}|1"));
        assertThrows(DomainException.Invalid.class, () -> tokens.open(token, "events|AC1|{EventType=a.b}|2"));
    }

    @Test
    void anEditedTokenDoesNotOpen() {
        String token = tokens.seal("AE01", "b");
        char last = token.charAt(token.length() - 2);
        String edited =
                token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThrows(DomainException.Invalid.class, () -> tokens.open(edited, "b"));
        assertThrows(DomainException.Invalid.class, () -> tokens.open("PT!!not-base64", "b"));
        assertThrows(DomainException.Invalid.class, () -> tokens.open("garbage", "b"));
        assertThrows(
                DomainException.Invalid.class, () -> new PageTokens(name -> Secrets.randomBytes(32)).open(token, "b"));
    }
}
