package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.outbox.ProcessedEvents;
import dev.gavel.events.AuctionPublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Takes an auction's terms from the catalog. New terms replace old ones only before the first bid (after it, the
 * bidders' terms stand), and an older publication never replaces a newer one.
 */
@ApplicationScoped
@Transactional
public class TermsService {

    private static final Logger LOG = Logger.getLogger(TermsService.class);

    /** The consumer name under which processed catalog events are recorded. */
    public static final String CONSUMER = "bidding-service";

    private final AuctionStateRepository auctions;
    private final ProcessedEvents processed;

    public TermsService(AuctionStateRepository auctions, ProcessedEvents processed) {
        this.auctions = auctions;
        this.processed = processed;
    }

    /** Applies published terms once per event id (recorded in the same transaction). */
    public void receive(AuctionPublished terms) {
        if (processed.firstTime(terms.eventId(), CONSUMER)) {
            apply(terms);
        }
    }

    void apply(AuctionPublished terms) {
        AuctionState auction = auctions.lock(terms.auctionId()).orElse(null);
        if (auction == null) {
            auction = new AuctionState();
            auction.id = terms.auctionId();
            auction.status = AuctionState.Status.OPEN;
            copy(terms, auction);
            auctions.persist(auction);
            return;
        }
        if (auction.status != AuctionState.Status.OPEN || auction.bidCount > 0) {
            LOG.infof("terms of auction %s not changed: it already has bids or is over", terms.auctionId());
            return;
        }
        if (!terms.publishedAt().isAfter(auction.termsPublishedAt)) {
            return;
        }
        copy(terms, auction);
    }

    private static void copy(AuctionPublished terms, AuctionState auction) {
        auction.sellerId = terms.sellerId();
        auction.title = terms.title();
        auction.type = terms.type();
        auction.currency = terms.currency();
        auction.startingPrice = terms.startingPrice();
        auction.reservePrice = terms.reservePrice();
        auction.buyNowPrice = terms.buyNowPrice();
        auction.minIncrement = terms.minIncrement();
        auction.depositRequired = terms.depositRequired();
        if (terms.softClose() != null) {
            auction.softCloseWindow = terms.softClose().window();
            auction.softCloseExtension = terms.softClose().extension();
            auction.softCloseMode = terms.softClose().mode();
        } else {
            auction.softCloseWindow = null;
            auction.softCloseExtension = null;
            auction.softCloseMode = null;
        }
        auction.startsAt = terms.startsAt();
        auction.endsAt = terms.endsAt();
        auction.currentPrice = terms.startingPrice();
        auction.termsPublishedAt = terms.publishedAt();
        if (terms.sellerAddressHash() != null) { // re-published terms keep the listing's address
            auction.sellerAddressHash = terms.sellerAddressHash();
        }
    }
}
