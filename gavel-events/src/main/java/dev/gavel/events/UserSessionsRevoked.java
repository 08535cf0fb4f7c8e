package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * Sessions of the user ended before their time: one session ({@code sessionId}, the access tokens' {@code sid} claim)
 * at logout or on a refresh-token reuse, or every session ({@code sessionId} null) on a password change or reset or a
 * suspension. Live connections opened with those sessions' access tokens are closed. An addition to CONTRACT §7b.
 */
public record UserSessionsRevoked(UUID eventId, UUID userId, UUID sessionId, String reason, Instant at)
        implements UserEvent {

    public static final String LOGOUT = "logout";
    public static final String TOKEN_REUSE = "refresh-token-reuse";
    public static final String PASSWORD_CHANGED = "password-changed";
    public static final String SUSPENDED = "suspended";

    /** Whether a connection of this user opened in session {@code sid} is one of those revoked. */
    public boolean covers(UUID sid) {
        return sessionId == null || sessionId.equals(sid);
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.USER_SESSIONS_REVOKED;
    }
}
