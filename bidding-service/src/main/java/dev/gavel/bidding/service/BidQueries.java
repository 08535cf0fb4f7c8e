package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidView;
import dev.gavel.bidding.api.BidDtos.LiveState;
import dev.gavel.bidding.api.BidDtos.MyAuction;
import dev.gavel.bidding.api.BidDtos.MyState;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.Page;
import dev.gavel.events.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** What the engine shows: an auction's live state, its bid history, and where a bidder stands. Reads only. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BidQueries {

    private final AuctionStateRepository auctions;
    private final BidRepository bids;
    private final BidderPositionRepository positions;
    private final Clock clock;

    public BidQueries(AuctionStateRepository auctions, BidRepository bids, BidderPositionRepository positions,
            Clock clock) {
        this.auctions = auctions;
        this.bids = bids;
        this.positions = positions;
        this.clock = clock;
    }

    public LiveState state(UUID auctionId) {
        return LiveState.of(find(auctionId), clock.instant());
    }

    public Page<BidView> history(UUID auctionId, int page, int size) {
        find(auctionId);
        PanacheQuery<Bid> query = bids.history(auctionId).page(page, size);
        return Page.of(query.list().stream().map(BidView::of).toList(), page, size, query.count());
    }

    /** The auction's tamper-evident bid log (CONTRACT §4b): public, pseudonymous, in sequence order. */
    public record LogView(UUID auctionId, List<BidLog.Entry> entries, String head) {
    }

    public LogView log(UUID auctionId) {
        AuctionState auction = find(auctionId);
        List<BidLog.Entry> entries = bids.log(auctionId).stream().map(b -> new BidLog.Entry(b.sequence, b.id,
                b.pseudonym, b.amount, b.automatic, b.placedAt, b.prevHash, b.hash)).toList();
        return new LogView(auctionId, entries, auction.logHead);
    }

    /** The auctions the caller bid on, with where they stand: one query for the page, one for the count. */
    public Page<MyAuction> mine(UUID bidderId, int page, int size) {
        List<MyAuction> items = positions.ofBidderWithAuctions(bidderId, page, size).stream()
                .map(row -> myAuction(bidderId, row.position(), row.auction()))
                .toList();
        return Page.of(items, page, size, positions.countOfBidder(bidderId));
    }

    private static MyAuction myAuction(UUID bidderId, BidderPosition p, AuctionState a) {
        boolean leads = bidderId.equals(a.leaderId);
        MyState state = switch (a.status) {
            case OPEN -> leads ? MyState.LEADING : MyState.OUTBID;
            case CLOSED -> leads && a.outcome == Outcome.SOLD ? MyState.WON : MyState.LOST;
            case CANCELLED -> MyState.LOST;
        };
        return new MyAuction(a.id, p.amount, p.maxAmount, state, a.currentPrice, a.endsAt);
    }

    private AuctionState find(UUID auctionId) {
        return auctions.findByIdOptional(auctionId).orElseThrow(AuctionState.NOT_FOUND::exception);
    }
}
