package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.common.security.Caller;
import dev.gavel.events.BidPlaced;
import dev.gavel.outbox.Tracing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one batch of the engine works on: its auction (locked once), the bidders' positions (read once, when first
 * needed) and the events it will publish. Bids are recorded here: the row, the auction's new live state and the
 * auction's next {@code bid-placed}.
 */
final class AuctionBatch {

    final AuctionState auction;
    /** The events of the batch, each with the trace of the request that caused it. */
    final List<Tracing.Traced> events = new ArrayList<>();
    private final BatchStore store;
    private Map<UUID, BidderPosition> positions;
    private java.util.Set<UUID> approved;

    AuctionBatch(AuctionState auction, BatchStore store) {
        this.auction = auction;
        this.store = store;
    }

    /** A batch whose bidders were read already (with those of other auctions of the same transaction). */
    AuctionBatch(AuctionState auction, BatchStore store, List<BidderPosition> bidders) {
        this(auction, store);
        this.positions = new LinkedHashMap<>();
        bidders.forEach(p -> positions.put(p.id.bidderId(), p));
    }

    /** Whether the bidder may bid on an auction with a deposit (read once per batch, when first needed). */
    boolean approved(UUID bidderId) {
        if (approved == null) {
            approved = store.approved(auction.id);
        }
        return approved.contains(bidderId);
    }

    /** The auction's bidders, by bidder id, in the order they first bid. */
    Map<UUID, BidderPosition> positions() {
        if (positions == null) {
            positions = new LinkedHashMap<>();
            store.positions(auction.id).forEach(p -> positions.put(p.id.bidderId(), p));
        }
        return positions;
    }

    /** A new bidder's position: filled in by the caller, then {@link #persist}ed (Hibernate inserts what it has then). */
    BidderPosition newPosition(Caller bidder) {
        BidderPosition position = new BidderPosition();
        position.id = new BidderPosition.Key(auction.id, bidder.id());
        position.pseudonym = "bidder-" + (positions().size() + 1);
        position.bidderName = bidder.displayName() == null ? "bidder" : bidder.displayName();
        position.anonymous = bidder.anonymousBidding();
        positions().put(bidder.id(), position);
        return position;
    }

    void persist(BidderPosition position) {
        store.persist(position);
    }

    /** Records one placed bid: the row, the auction's new live state and its event. */
    Bid record(BidderPosition bidder, BigDecimal amount, BigDecimal max, boolean automatic, BigDecimal priceAfter,
            UUID leaderAfter, Instant now, boolean extended) {
        UUID previousLeader = auction.leaderId;
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.auctionId = auction.id;
        bid.bidderId = bidder.id.bidderId();
        bid.bidderName = bidder.bidderName;
        bid.anonymous = bidder.anonymous;
        bid.amount = amount;
        bid.maxAmount = max;
        bid.automatic = automatic;
        bid.placedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it: the log hashes it
        auction.currentPrice = priceAfter;
        auction.bidCount++;
        auction.leaderId = leaderAfter;
        auction.leaderName = leaderAfter.equals(bidder.id.bidderId()) ? bidder.publicName()
                : positions().get(leaderAfter).publicName();
        auction.sequence++;
        bid.sequence = auction.sequence;
        // the log: chained in sequence order, in the batch's transaction (the auction's row is locked)
        bid.pseudonym = bidder.pseudonym;
        bid.prevHash = auction.logHead == null ? BidLog.GENESIS : auction.logHead;
        bid.hash = BidLog.hash(bid.prevHash, BidLog.canonical(auction.id, bid.sequence, bid.id, bid.amount,
                bid.automatic, bid.placedAt, bid.pseudonym));
        auction.logHead = bid.hash;
        store.persist(bid);
        events.add(Tracing.Traced.now(new BidPlaced(UUID.randomUUID(), auction.id, bid.id, bid.bidderId,
                bid.publicName(), amount, automatic, auction.currency, auction.currentPrice,
                Increments.minNextBid(auction), auction.bidCount, auction.leaderId, previousLeader, auction.endsAt,
                extended, bid.placedAt, auction.sequence, bid.hash, auction.title)));
        return bid;
    }
}
