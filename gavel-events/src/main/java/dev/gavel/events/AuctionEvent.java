package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.UUID;

/** An event about one auction: keyed by {@code auctionId} (CONTRACT §7). */
public interface AuctionEvent extends GavelEvent {

    UUID auctionId();

    @Override
    @JsonIgnore
    default String key() {
        return auctionId().toString();
    }
}
