package dev.monitor.audit;

import java.util.Optional;

/**
 * Who made a change, and from where: what an audit event says of its actor and source.
 *
 * @param sid the credential's Sid (the account's or the API key's); none for the operator, who has no Sid
 * @param ipAddress the client's address as API Gateway saw it
 */
public record Actor(Optional<String> sid, ActorType type, Source source, Optional<String> ipAddress) {
    public enum ActorType {
        ACCOUNT("account"),
        API_KEY("api-key"),
        CONNECT_APP("connect-app"),
        OPERATOR("operator");

        private final String wireName;

        ActorType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Where the change came in: Monitor's API, or its console in a browser. */
    public enum Source {
        API("api"),
        WEB("web");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
