package dev.gavel.auction.api;

import dev.gavel.auction.Auction;
import dev.gavel.common.Page;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.events.SoftClose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the catalog (CONTRACT §3). */
public final class AuctionDtos {

    private AuctionDtos() {
    }

    public record SoftCloseTerms(
            @NotBlank @Size(max = 30) String window,
            @NotBlank @Size(max = 30) String extension,
            @NotNull SoftClose.Mode mode) {
    }

    public record CreateAuctionRequest(
            @NotBlank @Size(min = 3, max = 120) String title,
            @NotNull @Size(max = 20_000) String description,
            AuctionType type,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal startingPrice,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal reservePrice,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal buyNowPrice,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal minIncrement,
            @Valid SoftCloseTerms softClose,
            Instant startsAt,
            @NotNull Instant endsAt,
            @Size(max = 10) List<@NotNull UUID> categoryIds,
            @Size(max = 50) Map<String, Object> attributes,
            @Size(max = 200) String location,
            @Size(max = 20) List<@Valid @NotNull PhotoRequest> photos,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal depositRequired) {
    }

    /** A photo as sent: media the caller uploaded; at most one is {@code main} (none: the first one is). */
    public record PhotoRequest(@NotNull UUID mediaId, boolean main) {
    }

    /**
     * A page of auctions (CONTRACT §1) plus {@code totalItemsExact}: matches are counted up to a bound (1,000 by
     * default, {@code gavel.auction.search-max-counted}); beyond it {@code totalItems} is the bound and
     * {@code totalItemsExact} is false, shown as "over 1,000 results".
     */
    public record CatalogPage(List<AuctionView> items, int page, int size, long totalItems, int totalPages,
            boolean totalItemsExact) {

        public static CatalogPage of(List<AuctionView> items, int page, int size, long totalItems, boolean exact) {
            Page<AuctionView> counted = Page.of(items, page, size, totalItems);
            return new CatalogPage(items, page, size, totalItems, counted.totalPages(), exact);
        }
    }

    public record LeadingBidder(UUID id, String displayName) {
    }

    public record Photo(UUID mediaId, String url, String thumbnailUrl, boolean main) {

        static Photo of(Auction.Photo photo) {
            String url = "/api/media/" + photo.mediaId;
            return new Photo(photo.mediaId, url, url + "/thumbnail", photo.main);
        }
    }

    /**
     * The auction as clients see it; {@code reservePrice} only for its seller, {@code winnerId} only for the winner,
     * the seller and admins, the leader's id only for the leader.
     */
    public record AuctionView(UUID id, UUID sellerId, String title, String description, AuctionType type,
            String currency, BigDecimal startingPrice, BigDecimal reservePrice, boolean reserveMet,
            BigDecimal buyNowPrice, BigDecimal minIncrement, SoftClose softClose, Instant startsAt, Instant endsAt,
            Auction.Status status, Outcome outcome, BigDecimal currentPrice, long bidCount,
            LeadingBidder leadingBidder, UUID winnerId, BigDecimal finalPrice, List<UUID> categoryIds,
            Map<String, Object> attributes, String location, List<Photo> photos, Instant createdAt,
            Instant updatedAt, BigDecimal depositRequired) {

        public static AuctionView of(Auction a, Map<String, Object> attributes, Viewer viewer) {
            boolean seller = viewer.is(a.sellerId);
            // the leader's id is not public (anonymous bidders are masked by name): only the leader sees it
            LeadingBidder leader = a.leadingBidderName == null ? null : new LeadingBidder(
                    viewer.is(a.leadingBidderId) ? a.leadingBidderId : null, a.leadingBidderName);
            // nor is the winner's, which would name an anonymous winner through GET /api/users/{id}
            UUID winnerId = seller || viewer.admin() || viewer.is(a.winnerId) ? a.winnerId : null;
            return new AuctionView(a.id, a.sellerId, a.title, a.description, a.type, a.currency, a.startingPrice,
                    seller ? a.reservePrice : null, a.reserveMet, a.buyNowPrice, a.minIncrement, a.softClose(),
                    a.startsAt, a.endsAt, a.status, a.outcome, a.currentPrice, a.bidCount, leader, winnerId,
                    a.finalPrice, List.copyOf(a.categoryIds), attributes, a.location,
                    a.photos.stream().map(Photo::of).toList(), a.createdAt, a.updatedAt, a.depositRequired);
        }
    }
}
