package dev.monitor.bench;

record AccountCredentials(String accountSid, String authToken) {
    String authorization() {
        return HttpApiRequests.basic(accountSid, authToken);
    }
}
