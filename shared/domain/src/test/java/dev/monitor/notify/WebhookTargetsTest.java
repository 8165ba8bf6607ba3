package dev.monitor.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
    /** DNS answers of a hostile resolver: names that point inside. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebind.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "inside.example.com", "10.1.2.3",
            "v6inside.example.com", "fd00::1");

    private final WebhookTargets targets = new WebhookTargets(false, host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    });

    @Test
    void publicHttpsAndHttpTargetsPassWithTheAddressesToConnectTo() throws Exception {
        WebhookTargets.Target target = targets.check("https://hooks.example.com/monitor?x=1");
        assertEquals(443, target.port());
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), target.addresses());
        assertEquals(8080, targets.check("http://93.184.216.34:8080/").port());
        assertEquals(1, targets.check("https://[2606:4700::1111]/").addresses().size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/",
                "http://localhost.example/",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://100.64.0.1/",
                "http://0.0.0.0/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://240.0.0.1/",
                "http://192.0.2.1/",
                "http://[::1]/",
                "http://[::]/",
                "http://[fc00::1]/",
                "http://[fd12:3456::1]/",
                "http://[fe80::1]/",
                "http://[ff02::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::a00:1]/",
                "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/",
                "http://[2002:a9fe:a9fe::]/",
                "http://[::127.0.0.1]/",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://0x7f.0.0.1/",
                "http://0177.0.0.1/",
                "http://127.1/",
                "http://017700000001/",
                "http://rebind.example.com/",
                "http://metadata.example.com/",
                "http://inside.example.com/",
                "http://v6inside.example.com/",
                "ftp://hooks.example.com/",
                "file:///etc/passwd",
                "gopher://hooks.example.com/",
                "javascript:alert(1)",
                "https://user:pass@hooks.example.com/",
                "https://user@hooks.example.com/",
                "https://unknown.example.org/",
                "hooks.example.com/x",
                "https:///nohost",
                "https://exa mple.com/",
                "https://-bad-.example.com/"
            })
    void refusesEveryForbiddenForm(String url) {
        assertThrows(WebhookTargets.RefusedTarget.class, () -> targets.check(url), url);
    }

    @Test
    void theLocalStackMayAllowLoopbackExplicitly() throws Exception {
        WebhookTargets local = new WebhookTargets(true, host -> List.of(InetAddress.getLoopbackAddress()));
        assertEquals(
                List.of(InetAddress.getLoopbackAddress()),
                local.check("http://127.0.0.1:9000/hook").addresses());
        assertThrows(WebhookTargets.RefusedTarget.class, () -> local.check("http://0x7f000001/"));
        assertThrows(WebhookTargets.RefusedTarget.class, () -> local.check("ftp://127.0.0.1/"));
    }
}
