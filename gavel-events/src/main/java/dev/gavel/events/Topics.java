package dev.gavel.events;

import java.util.List;

/**
 * Kafka topic names (CONTRACT §7, §7b). Auction topics are keyed by {@code auctionId}, account topics by
 * {@code userId}.
 */
public final class Topics {

    public static final String AUCTION_PUBLISHED = "auction-published";
    public static final String AUCTION_CANCELLED = "auction-cancelled";
    public static final String BID_PLACED = "bid-placed";
    public static final String AUCTION_CLOSED = "auction-closed";
    /** An addition to CONTRACT §7: watchlist entries added and removed (for ending-soon reminders). */
    public static final String WATCHLIST_CHANGED = "watchlist-changed";

    public static final String USER_SUSPENDED = "user-suspended";
    public static final String USER_REINSTATED = "user-reinstated";
    /** An addition to CONTRACT §7b: sessions ended at logout, password change or suspension. */
    public static final String USER_SESSIONS_REVOKED = "user-sessions-revoked";
    /** An addition to CONTRACT §7b: a user's address and whether it is verified (for notification mails). */
    public static final String USER_CONTACT_CHANGED = "user-contact-changed";

    /** An addition to CONTRACT §7b: a user's principal (shipping) address. */
    public static final String USER_ADDRESS_CHANGED = "user-address-changed";

    public static final String ORDER_CREATED = "order-created";
    public static final String ORDER_PAID = "order-paid";
    public static final String ORDER_SHIPPED = "order-shipped";
    public static final String ORDER_COMPLETED = "order-completed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    /** An addition to CONTRACT §7b: a paid order refunded by an admin. */
    public static final String ORDER_REFUNDED = "order-refunded";
    public static final String BIDDER_APPROVED = "bidder-approved";
    public static final String DEPOSIT_RELEASED = "deposit-released";

    public static final List<String> ALL = List.of(AUCTION_PUBLISHED, AUCTION_CANCELLED, BID_PLACED, AUCTION_CLOSED,
            WATCHLIST_CHANGED,
            USER_SUSPENDED, USER_REINSTATED, USER_SESSIONS_REVOKED, USER_CONTACT_CHANGED, USER_ADDRESS_CHANGED,
            ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED, ORDER_COMPLETED, ORDER_CANCELLED, ORDER_REFUNDED, BIDDER_APPROVED,
            DEPOSIT_RELEASED);

    private Topics() {
    }

    /** The one service that publishes a topic (CONTRACT §7): its records carry {@code ce_source = /gavel/<it>}. */
    public static String producerOf(String topic) {
        return switch (topic) {
            case AUCTION_PUBLISHED, AUCTION_CANCELLED, WATCHLIST_CHANGED -> "auction-service";
            case BID_PLACED, AUCTION_CLOSED -> "bidding-service";
            case USER_SUSPENDED, USER_REINSTATED, USER_SESSIONS_REVOKED, USER_CONTACT_CHANGED, USER_ADDRESS_CHANGED ->
                    "user-service";
            case ORDER_CREATED, ORDER_PAID, ORDER_SHIPPED, ORDER_COMPLETED, ORDER_CANCELLED, ORDER_REFUNDED,
                    BIDDER_APPROVED, DEPOSIT_RELEASED -> "payment-service";
            default -> throw new IllegalArgumentException("not a Gavel topic: " + topic);
        };
    }

    /** The CloudEvents {@code ce_source} of the topic's producer. */
    public static String sourceOf(String topic) {
        return "/gavel/" + producerOf(topic);
    }
}
