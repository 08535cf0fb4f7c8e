package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/** An admin lifted the account's suspension. */
public record UserReinstated(UUID eventId, UUID userId, String reason, Instant at) implements UserEvent {

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.USER_REINSTATED;
    }
}
