package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An order moved (CONTRACT §5b, §7b): one record type for the order topics, told apart by {@code change} (the
 * topic is {@code order-<change>}). Keyed by the auction id, like every auction's events. {@code secondChance} marks the
 * order offered to the runner-up after the winner did not pay; {@code dueAt} is when an unpaid order is cancelled.
 */
public record OrderChanged(
        UUID eventId,
        Change change,
        UUID orderId,
        UUID auctionId,
        UUID buyerId,
        UUID sellerId,
        String title,
        BigDecimal total,
        String currency,
        boolean secondChance,
        Instant dueAt,
        String carrier,
        String trackingNumber,
        Instant at) implements AuctionEvent {

    /** What happened to the order; each is its own topic. */
    public enum Change {
        CREATED(Topics.ORDER_CREATED),
        PAID(Topics.ORDER_PAID),
        SHIPPED(Topics.ORDER_SHIPPED),
        COMPLETED(Topics.ORDER_COMPLETED),
        CANCELLED(Topics.ORDER_CANCELLED),
        /** An addition to CONTRACT §7b: an admin gave a paid order's money back. */
        REFUNDED(Topics.ORDER_REFUNDED);

        private final String topic;

        Change(String topic) {
            this.topic = topic;
        }

        public String topic() {
            return topic;
        }
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return at;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return change.topic();
    }
}
