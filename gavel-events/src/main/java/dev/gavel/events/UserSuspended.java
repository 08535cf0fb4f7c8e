package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/** An admin suspended the account: its sessions are revoked and it may not bid (CONTRACT §2b). */
public record UserSuspended(UUID eventId, UUID userId, String reason, Instant at) implements UserEvent {

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.USER_SUSPENDED;
    }
}
