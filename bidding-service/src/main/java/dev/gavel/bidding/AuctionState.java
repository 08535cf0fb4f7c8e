package dev.gavel.bidding;

import dev.gavel.common.error.NotFound;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.events.SoftClose;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One auction as the engine knows it: the catalog's terms plus the live state only the engine writes. */
@Entity
@Table(name = "auction_state")
public class AuctionState {

    /** How this entity is not found (one place for its code and message). */
    public static final NotFound NOT_FOUND = NotFound.of("auction");


    public enum Status { OPEN, CLOSED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "seller_id", nullable = false)
    public UUID sellerId;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuctionType type;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String currency;

    @Column(name = "starting_price", nullable = false)
    public BigDecimal startingPrice;

    @Column(name = "reserve_price")
    public BigDecimal reservePrice;

    @Column(name = "buy_now_price")
    public BigDecimal buyNowPrice;

    @Column(name = "min_increment")
    public BigDecimal minIncrement;

    @Column(name = "soft_close_window")
    public String softCloseWindow;

    @Column(name = "soft_close_extension")
    public String softCloseExtension;

    @Enumerated(EnumType.STRING)
    @Column(name = "soft_close_mode")
    public SoftClose.Mode softCloseMode;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    /** The effective end; moved by soft close. */
    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Column(name = "current_price", nullable = false)
    public BigDecimal currentPrice;

    @Column(name = "bid_count", nullable = false)
    public long bidCount;

    /** How many bidders have a position here (bidder-N is the N-th); the engine keeps it under the row lock. */
    @Column(name = "bidder_count", nullable = false)
    public int bidderCount;

    @Column(name = "leader_id")
    public UUID leaderId;

    /** The leader's public name (masked when they bid anonymously). */
    @Column(name = "leader_name")
    public String leaderName;

    /** The auction's event sequence: +1 for every event about it. */
    @Column(nullable = false)
    public long sequence;

    @Column(name = "terms_published_at", nullable = false)
    public Instant termsPublishedAt;

    /** The hash of the last entry of the bid log (null before the first bid). */
    @Column(name = "log_head")
    public String logHead;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The deposit a bidder must have held (payment-service's {@code bidder-approved}); null: anyone may bid. */
    @Column(name = "deposit_required")
    public BigDecimal depositRequired;

    /**
     * The keyed hash of the client address the seller listed from (auction-published), for the shill signals; removed
     * after {@code gavel.bidding.address-retention}.
     */
    @Column(name = "seller_address_hash")
    public String sellerAddressHash;

    /**
     * Moved by every write of the row (optimistic locking), also by writers that hold the row lock: the fencing token of
     * the engine's lease ({@code LiveAuctions}), which writes a kept auction only at the version it kept.
     */
    @Version
    @Column(nullable = false)
    public long version;

    /** The soft-close terms, or {@code null} when the auction has none. */
    public SoftClose softClose() {
        return softCloseMode == null ? null : new SoftClose(softCloseWindow, softCloseExtension, softCloseMode);
    }

    /** Whether the auction takes bids at {@code now}: open, started and not yet at its end. */
    public boolean takesBidsAt(Instant now) {
        return status == Status.OPEN && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
