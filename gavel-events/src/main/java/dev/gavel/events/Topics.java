package dev.gavel.events;

import java.util.List;

/** Kafka topic names (CONTRACT §7). Every record is keyed by {@code auctionId}. */
public final class Topics {

    public static final String AUCTION_PUBLISHED = "auction-published";
    public static final String AUCTION_CANCELLED = "auction-cancelled";
    public static final String BID_PLACED = "bid-placed";
    public static final String AUCTION_CLOSED = "auction-closed";

    public static final List<String> ALL = List.of(AUCTION_PUBLISHED, AUCTION_CANCELLED, BID_PLACED, AUCTION_CLOSED);

    private Topics() {
    }
}
