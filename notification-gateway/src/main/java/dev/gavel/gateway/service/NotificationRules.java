package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.OrderChanged;
import dev.gavel.events.Outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who is told what of an event, as pure rules: the personal notifications an event makes, their text, and the mail
 * preference each follows. The id of a notification is derived from the event, the recipient and the type, so that
 * the live relay (every replica) and the inbox (once) name the same notification.
 */
public final class NotificationRules {

    public static final String OUTBID_MAIL = "outbid";
    public static final String WON_MAIL = "auctionWon";
    public static final String SOLD_MAIL = "auctionSold";
    public static final String ENDING_SOON_MAIL = "endingSoon";
    public static final String PAYMENTS_MAIL = "payments";

    /** Notification type → the mail preference it follows. */
    public static final java.util.Map<String, String> MAIL_OF = java.util.Map.of(
            "outbid", OUTBID_MAIL,
            "auction-won", WON_MAIL,
            "auction-sold", SOLD_MAIL,
            "auction-unsold", SOLD_MAIL,
            "auction-ending-soon", ENDING_SOON_MAIL,
            "payment-due", PAYMENTS_MAIL,
            "order-paid", PAYMENTS_MAIL,
            "order-shipped", PAYMENTS_MAIL,
            "order-cancelled", PAYMENTS_MAIL);

    /** A notification an event makes for one person. */
    public record Planned(UUID id, UUID userId, String type, UUID auctionId, String title, String body,
            BigDecimal currentPrice, BigDecimal finalPrice, UUID orderId) {

        /** A notification about an auction (no order). */
        public Planned(UUID id, UUID userId, String type, UUID auctionId, String title, String body,
                BigDecimal currentPrice, BigDecimal finalPrice) {
            this(id, userId, type, auctionId, title, body, currentPrice, finalPrice, null);
        }

        public String mailKind() {
            return MAIL_OF.get(type);
        }
    }

    private NotificationRules() {
    }

    public static UUID id(UUID eventId, UUID userId, String type) {
        return UUID.nameUUIDFromBytes((eventId + "|" + userId + "|" + type).getBytes(StandardCharsets.UTF_8));
    }

    /** The previous leader is outbid (not when they outbid themselves). */
    public static List<Planned> of(BidPlaced e, String auctionTitle) {
        if (e.previousLeaderId() == null || e.previousLeaderId().equals(e.leaderId())) {
            return List.of();
        }
        String title = name(auctionTitle);
        return List.of(new Planned(id(e.eventId(), e.previousLeaderId(), "outbid"), e.previousLeaderId(), "outbid",
                e.auctionId(), "You were outbid on " + title,
                "Someone bid more for " + title + ". The price is now " + money(e.currentPrice(), e.currency())
                        + "; bid at least " + money(e.minNextBid(), e.currency()) + " to lead again.",
                e.currentPrice(), null));
    }

    /** Sold: the winner won and the seller sold; unsold: the seller is told. Cancelled auctions notify nobody. */
    public static List<Planned> of(AuctionClosed e, String auctionTitle) {
        String title = name(auctionTitle);
        List<Planned> planned = new ArrayList<>();
        if (e.outcome() == Outcome.SOLD) {
            if (e.winnerId() != null) {
                planned.add(new Planned(id(e.eventId(), e.winnerId(), "auction-won"), e.winnerId(), "auction-won",
                        e.auctionId(), "You won " + title,
                        "You won " + title + " for " + money(e.finalPrice(), e.currency())
                                + ". The seller will be in touch about payment and delivery.", null, e.finalPrice()));
            }
            planned.add(new Planned(id(e.eventId(), e.sellerId(), "auction-sold"), e.sellerId(), "auction-sold",
                    e.auctionId(), title + " sold",
                    title + " sold for " + money(e.finalPrice(), e.currency()) + " after " + e.bidCount() + " bids.",
                    null, e.finalPrice()));
        } else if (e.outcome() == Outcome.UNSOLD) {
            planned.add(new Planned(id(e.eventId(), e.sellerId(), "auction-unsold"), e.sellerId(), "auction-unsold",
                    e.auctionId(), title + " did not sell",
                    title + " ended without a sale (" + e.bidCount() + " bids; the reserve was not met or nobody bid).",
                    null, null));
        }
        return planned;
    }

    /**
     * An order moved (payment-service): the buyer is asked to pay (a second chance says so), the seller told to ship
     * once it is paid, the buyer that it is on its way, both that it was cancelled. Completion tells nobody: the
     * receipt was theirs.
     */
    public static List<Planned> of(OrderChanged e) {
        String title = name(e.title());
        String total = money(e.total(), e.currency());
        return switch (e.change()) {
            case CREATED -> List.of(order(e, e.buyerId(), "payment-due", e.secondChance()
                    ? "Second chance: " + title + " can be yours"
                    : "Pay for " + title,
                    (e.secondChance() ? "The winner did not pay, and the seller offers " + title
                            + " to you at your highest bid: " : "Your order of " + title + " is ")
                            + total + " (with the buyer's premium), due by " + e.dueAt()
                            + ". Pay from your wallet or at the checkout."));
            case PAID -> List.of(order(e, e.sellerId(), "order-paid", title + " was paid: ship it",
                    "The buyer paid " + total + " for " + title + ". The money is held until they confirm receipt; "
                            + "ship the item and enter the tracking number."));
            case SHIPPED -> List.of(order(e, e.buyerId(), "order-shipped", title + " is on its way",
                    title + " was shipped" + (e.carrier() == null ? "" : " with " + e.carrier())
                            + (e.trackingNumber() == null ? "" : ", tracking number " + e.trackingNumber())
                            + ". Confirm receipt when it arrives."));
            case CANCELLED -> List.of(
                    order(e, e.buyerId(), "order-cancelled", "Your order of " + title + " was cancelled",
                            "It was not paid by " + e.dueAt() + "."),
                    order(e, e.sellerId(), "order-cancelled", "The order of " + title + " was cancelled",
                            "The buyer did not pay by " + e.dueAt() + ". You may offer the item to the runner-up."));
            case COMPLETED, REFUNDED -> List.of(); // (the gateway does not follow order-refunded)
        };
    }

    private static Planned order(OrderChanged e, UUID userId, String type, String title, String body) {
        return new Planned(id(e.eventId(), userId, type), userId, type, e.auctionId(), title, body, null, e.total(),
                e.orderId());
    }

    /** The reminder of an auction's end to one follower: once per end and window ("1h", "10m"). */
    public static Planned endingSoon(UUID auctionId, String auctionTitle, java.time.Instant endsAt, String window,
            UUID userId) {
        String title = name(auctionTitle);
        String in = window.equals(TEN_MINUTES) ? "10 minutes" : "an hour";
        UUID id = UUID.nameUUIDFromBytes(("ending-soon|" + auctionId + "|" + endsAt + "|" + window + "|" + userId)
                .getBytes(StandardCharsets.UTF_8));
        return new Planned(id, userId, "auction-ending-soon", auctionId, title + " ends in " + in,
                title + " ends at " + endsAt + " (in " + in + "). Bid now if you want it.", null, null);
    }

    public static final String AN_HOUR = "1h";
    public static final String TEN_MINUTES = "10m";

    static String name(String title) {
        return title == null ? "an auction" : "\u201c" + title + "\u201d";
    }

    static String money(BigDecimal amount, String currency) {
        return amount == null ? "-" : (currency == null ? "" : currency + " ") + amount.setScale(2, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
