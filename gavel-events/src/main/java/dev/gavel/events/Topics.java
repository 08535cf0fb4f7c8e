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

    /** The one service that publishes a topic (CONTRACT §7): its records carry {@code ce_source = /gavel/<it>}. */
    public static String producerOf(String topic) {
        return switch (topic) {
            case AUCTION_PUBLISHED, AUCTION_CANCELLED -> "auction-service";
            case BID_PLACED, AUCTION_CLOSED -> "bidding-service";
            default -> throw new IllegalArgumentException("not a Gavel topic: " + topic);
        };
    }

    /** The CloudEvents {@code ce_source} of the topic's producer. */
    public static String sourceOf(String topic) {
        return "/gavel/" + producerOf(topic);
    }
}
