package dev.monitor.local;

import java.util.List;
import java.util.Map;

/** An HTTP request as the gateway read it: the path and query raw, header names in lowercase, the body whole. */
record GatewayRequest(
        String method,
        String rawPath,
        String rawQuery,
        String protocol,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        int localPort,
        boolean keepAlive) {}
