package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * Where and whether a user may be mailed: the address, whether it is verified, the name to greet. Sent when an account
 * is created and when its address is verified, so that notification-gateway mails only verified addresses without a
 * call to user-service. An addition to CONTRACT §7b.
 */
public record UserContactChanged(UUID eventId, UUID userId, String email, boolean emailVerified, String displayName,
        Instant at) implements UserEvent {

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.USER_CONTACT_CHANGED;
    }
}
