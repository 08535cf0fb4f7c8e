package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's principal address (orders ship there) is now this one, or none ({@code address} null). Sent whenever it
 * changes, so that payment-service snapshots it into an order without a call to user-service. An addition to
 * CONTRACT §7b.
 */
public record UserAddressChanged(UUID eventId, UUID userId, PostalAddress address, Instant at) implements UserEvent {

    /** An address as printed on a parcel. */
    public record PostalAddress(String fullName, String line1, String line2, String city, String postalCode,
            String region, String country, String phone) {
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.USER_ADDRESS_CHANGED;
    }
}
