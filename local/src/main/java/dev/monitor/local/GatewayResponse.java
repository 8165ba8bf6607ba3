package dev.monitor.local;

import java.util.List;
import java.util.Map;

/** What the gateway writes back: a status, headers in order (a name may repeat), and the body. */
record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}
