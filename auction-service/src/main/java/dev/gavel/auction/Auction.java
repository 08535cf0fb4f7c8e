package dev.gavel.auction;

import dev.gavel.common.error.NotFound;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.events.SoftClose;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import org.hibernate.annotations.BatchSize;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An auction in the catalog. Its terms are the seller's; its live fields ({@code currentPrice, bidCount, endsAt,
 * status, outcome, winnerId, finalPrice}) follow the bidding engine's events.
 */
@Entity
@Table(name = "auction")
public class Auction {

    /** How this entity is not found (one place for its code and message). */
    public static final NotFound NOT_FOUND = NotFound.of("auction");


    public enum Status { SCHEDULED, ACTIVE, CLOSED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "seller_id", nullable = false)
    public UUID sellerId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String description;

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

    /** What a bidder must have held on their wallet before bidding (CONTRACT §3b, §5b); null: no deposit. */
    @Column(name = "deposit_required")
    public BigDecimal depositRequired;

    /** {@code null}: the increment table applies. */
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

    /** The effective end: moves with soft close. */
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

    @Column(name = "reserve_met", nullable = false)
    public boolean reserveMet;

    @Column(name = "leading_bidder_id")
    public UUID leadingBidderId;

    @Column(name = "leading_bidder_name")
    public String leadingBidderName;

    @Column(name = "winner_id")
    public UUID winnerId;

    @Column(name = "final_price")
    public BigDecimal finalPrice;

    /** The sequence of the last bidding event applied; older events are ignored. */
    @Column(name = "last_sequence", nullable = false)
    public long lastSequence;

    /** Category attribute values as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    public String attributes;

    public String location;

    @ElementCollection
    @CollectionTable(name = "auction_category", joinColumns = @JoinColumn(name = "auction_id"))
    @Column(name = "category_id")
    @BatchSize(size = 100)
    public Set<UUID> categoryIds = new LinkedHashSet<>();

    /** In the seller's order; exactly one is {@code main} when there are any. */
    @ElementCollection
    @CollectionTable(name = "auction_photo", joinColumns = @JoinColumn(name = "auction_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    public List<Photo> photos = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isOpen() {
        return status == Status.SCHEDULED || status == Status.ACTIVE;
    }

    public SoftClose softClose() {
        return softCloseMode == null ? null : new SoftClose(softCloseWindow, softCloseExtension, softCloseMode);
    }

    /** A photo of the auction: a media id of media-service. */
    @Embeddable
    public static class Photo {

        @Column(name = "media_id", nullable = false)
        public UUID mediaId;

        @Column(nullable = false)
        public boolean main;

        public Photo() {
        }

        public Photo(UUID mediaId, boolean main) {
            this.mediaId = mediaId;
            this.main = main;
        }
    }
}
