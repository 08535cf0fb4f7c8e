package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos.AuctionView;
import dev.gavel.auction.api.Viewer;
import dev.gavel.auction.repository.AuctionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** An auction as a viewer sees it (the leader's id only to the leader). */
@ApplicationScoped
public class AuctionViews {

    private final AuctionRepository auctions;
    private final AttributeJson attributes;

    public AuctionViews(AuctionRepository auctions, AttributeJson attributes) {
        this.auctions = auctions;
        this.attributes = attributes;
    }

    /** Read in a transaction: categories and photos are loaded lazily. */
    @Transactional
    public AuctionView get(UUID id, Viewer viewer) {
        return view(auctions.findByIdOptional(id).orElseThrow(Auction.NOT_FOUND::exception), viewer);
    }

    /** The view of a loaded auction (inside the caller's transaction). */
    public AuctionView view(Auction auction, Viewer viewer) {
        return AuctionView.of(auction, attributes.read(auction.attributes), viewer);
    }
}
