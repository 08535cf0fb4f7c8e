package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.api.AuctionDtos.PhotoRequest;
import dev.gavel.auction.api.AuctionDtos.SoftCloseTerms;
import dev.gavel.auction.config.AuctionConfig;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.common.Money;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Between an auction and what the seller sends: checked requests onto the entity, the entity back into a request. */
@ApplicationScoped
public class AuctionMapping {

    private final AuctionRepository auctions;
    private final AttributeJson attributes;
    private final AuctionConfig config;

    public AuctionMapping(AuctionRepository auctions, AttributeJson attributes, AuctionConfig config) {
        this.auctions = auctions;
        this.attributes = attributes;
        this.config = config;
    }

    /** Copies the (checked) terms; the status follows the start. */
    void copyTerms(CreateAuctionRequest request, Instant startsAt, Instant endsAt, Auction auction, Instant now) {
        auction.type = request.type() == null ? AuctionType.FORWARD : request.type();
        auction.currency = request.currency() == null ? config.defaultCurrency() : request.currency();
        auction.startingPrice = Money.of(request.startingPrice());
        auction.reservePrice = Money.of(request.reservePrice());
        auction.buyNowPrice = Money.of(request.buyNowPrice());
        auction.minIncrement = Money.of(request.minIncrement());
        auction.depositRequired = Money.of(request.depositRequired());
        SoftCloseTerms softClose = request.softClose();
        auction.softCloseWindow = softClose == null ? null : Duration.parse(softClose.window()).toString();
        auction.softCloseExtension = softClose == null ? null : Duration.parse(softClose.extension()).toString();
        auction.softCloseMode = softClose == null ? null : softClose.mode();
        auction.startsAt = startsAt;
        auction.endsAt = endsAt;
        auction.reserveMet = auction.reservePrice == null;
        auction.status = startsAt.isAfter(now) ? Auction.Status.SCHEDULED : Auction.Status.ACTIVE;
        auction.updatedAt = now;
    }

    /**
     * Copies the (checked) content. Categories and photos are replaced only when they changed.
     *
     * @return whether the categories changed (then the auction's category_path must follow)
     */
    boolean copyContent(CreateAuctionRequest request, Map<String, Object> values, List<Auction.Photo> photos,
            Auction auction) {
        auction.title = request.title().strip();
        auction.description = request.description();
        auction.location = request.location() == null || request.location().isBlank() ? null : request.location().strip();
        auction.attributes = attributes.write(values);
        Set<UUID> categoryIds = new LinkedHashSet<>(request.categoryIds() == null ? List.of() : request.categoryIds());
        boolean categoriesChanged = !auction.categoryIds.equals(categoryIds);
        if (categoriesChanged) {
            auction.categoryIds.clear();
            auction.categoryIds.addAll(categoryIds);
        }
        if (!AuctionRules.samePhotos(auction.photos, photos)) {
            auction.photos.clear();
            auctions.flush(); // the old rows go before the new ones arrive (unique main / media per auction)
            auction.photos.addAll(photos);
        }
        return categoriesChanged;
    }

    /** The auction as a request, the base a merge patch applies to. */
    CreateAuctionRequest requestOf(Auction a) {
        SoftCloseTerms softClose = a.softCloseMode == null ? null
                : new SoftCloseTerms(a.softCloseWindow, a.softCloseExtension, a.softCloseMode);
        return new CreateAuctionRequest(a.title, a.description, a.type, a.currency, a.startingPrice, a.reservePrice,
                a.buyNowPrice, a.minIncrement, softClose, a.startsAt, a.endsAt, List.copyOf(a.categoryIds),
                attributes.read(a.attributes), a.location,
                a.photos.stream().map(p -> new PhotoRequest(p.mediaId, p.main)).toList(), a.depositRequired);
    }

    /** The terms event for the engine, with the hashed address the seller listed from (or null). */
    static AuctionPublished termsOf(Auction a, Instant now, String sellerAddressHash) {
        return new AuctionPublished(UUID.randomUUID(), a.id, a.sellerId, a.title, a.type, a.currency,
                a.startingPrice, a.reservePrice, a.buyNowPrice, a.minIncrement, a.softClose(), a.startsAt, a.endsAt,
                now, a.depositRequired, sellerAddressHash);
    }
}
