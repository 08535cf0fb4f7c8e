package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/** An event about one account: keyed by {@code userId}; {@code at} is when it happened (CONTRACT §7b). */
public interface UserEvent extends GavelEvent {

    UUID userId();

    Instant at();

    @Override
    @JsonIgnore
    default String key() {
        return userId().toString();
    }

    @Override
    @JsonIgnore
    default Instant occurredAt() {
        return at();
    }
}
