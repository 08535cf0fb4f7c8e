package dev.gavel.auction.service;

import dev.gavel.auction.api.Viewer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos.AuctionView;
import dev.gavel.auction.api.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.api.AuctionDtos.PhotoRequest;
import dev.gavel.auction.config.AuctionConfig;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.common.Money;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.problem.FieldError;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The seller's side of the catalog: creating, editing (merge patch) and cancelling auctions, and publishing their
 * terms to the engine. Photos are checked at media-service before a transaction starts (a remote call never holds a
 * row lock or a connection); each method then opens its one transaction explicitly.
 */
@ApplicationScoped
public class AuctionEditor {

    private final AuctionRepository auctions;
    private final CategoryService categories;
    private final PhotoVerifier photoVerifier;
    private final AuctionMapping mapping;
    private final AuctionViews views;
    private final Outbox outbox;
    private final AuctionConfig config;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Clock clock;

    public AuctionEditor(AuctionRepository auctions, CategoryService categories, PhotoVerifier photoVerifier,
            AuctionMapping mapping, AuctionViews views, Outbox outbox, AuctionConfig config, ObjectMapper mapper,
            Validator validator, Clock clock) {
        this.auctions = auctions;
        this.categories = categories;
        this.photoVerifier = photoVerifier;
        this.mapping = mapping;
        this.views = views;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.validator = validator;
        this.clock = clock;
    }

    /** Checks the photos at media-service, then stores the auction and its terms event in one transaction. */
    /**
     * Creates the auction and publishes its terms; {@code sellerAddressHash} (the listing request's hashed client
     * address, or null) goes out with them for the engine's shill-bidding signals and is not kept here.
     */
    public AuctionView create(CreateAuctionRequest request, UUID sellerId, String sellerAddressHash) {
        List<UUID> photos = request.photos() == null ? List.of()
                : request.photos().stream().map(PhotoRequest::mediaId).toList();
        List<FieldError> photoErrors = photoVerifier.verify(photos,
                IntStream.range(0, photos.size()).boxed().toList(), sellerId);
        return QuarkusTransaction.requiringNew().call(() -> store(request, sellerId, sellerAddressHash, photoErrors));
    }

    private AuctionView store(CreateAuctionRequest request, UUID sellerId, String sellerAddressHash,
            List<FieldError> photoErrors) {
        Instant now = now();
        List<FieldError> errors = new ArrayList<>(photoErrors);
        Instant startsAt = AuctionRules.startOf(request.startsAt(), now, errors);
        Instant endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
        AuctionRules.checkTerms(request, startsAt, endsAt, config.maxDuration(), errors);
        Map<String, Object> attributes = checkContent(request, errors);
        List<Auction.Photo> photos = AuctionRules.photos(request.photos(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }

        Auction auction = new Auction();
        auction.id = UUID.randomUUID();
        auction.sellerId = sellerId;
        auction.status = Auction.Status.SCHEDULED;
        auction.currentPrice = Money.of(request.startingPrice());
        auction.createdAt = now;
        mapping.copyTerms(request, startsAt, endsAt, auction, now);
        boolean categorized = mapping.copyContent(request, attributes, photos, auction);
        auctions.persist(auction);
        if (categorized) {
            auctions.refreshCategoryPath(auction.id);
        }
        outbox.publish(AuctionMapping.termsOf(auction, now, sellerAddressHash));
        return views.view(auction, Viewer.user(sellerId));
    }

    /**
     * A JSON merge patch by the seller: content any time before the close, terms only before the first bid. Photos
     * new to the auction are checked at media-service first; then the patch is applied in one transaction.
     */
    public AuctionView patch(UUID id, JsonNode body, UUID caller) {
        ObjectNode patch = MergePatch.checked(body);
        List<FieldError> photoErrors = List.of();
        JsonNode photosNode = patch.get("photos");
        if (photosNode != null && photosNode.isArray() && photosNode.size() <= AuctionRules.MAX_PHOTOS) {
            List<UUID> requested = new ArrayList<>();
            photosNode.forEach(p -> requested.add(uuidOrNull(p.get("mediaId"))));
            Set<UUID> known = QuarkusTransaction.requiringNew().call(() -> currentPhotos(id));
            List<Integer> fresh = IntStream.range(0, requested.size())
                    .filter(i -> requested.get(i) != null && !known.contains(requested.get(i))).boxed().toList();
            photoErrors = photoVerifier.verify(requested, fresh, caller);
        }
        List<FieldError> checkedPhotos = photoErrors;
        return QuarkusTransaction.requiringNew().call(() -> applyPatch(id, patch, caller, checkedPhotos));
    }

    private Set<UUID> currentPhotos(UUID id) {
        Set<UUID> ids = new HashSet<>();
        auctions.findByIdOptional(id).orElseThrow(Auction.NOT_FOUND::exception).photos.forEach(p -> ids.add(p.mediaId));
        return ids;
    }

    private AuctionView applyPatch(UUID id, ObjectNode patch, UUID caller, List<FieldError> photoErrors) {
        Auction auction = auctions.lock(id).orElseThrow(Auction.NOT_FOUND::exception);
        if (!auction.sellerId.equals(caller)) {
            throw DomainException.forbidden("NOT_SELLER", "Only the seller edits an auction.");
        }
        if (!auction.isOpen()) {
            throw DomainException.conflict("AUCTION_NOT_EDITABLE", "The auction is " + auction.status
                    + " and can no longer be edited.");
        }
        CreateAuctionRequest before = mapping.requestOf(auction);
        CreateAuctionRequest request = readRequest(MergePatch.apply(mapper.valueToTree(before), patch));
        List<FieldError> errors = new ArrayList<>(photoErrors);
        validator.validate(request).forEach(v -> errors.add(new FieldError(
                v.getPropertyPath().toString().replace(".<list element>", ""), v.getMessage())));
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }

        Instant now = now();
        boolean termsChanged = !AuctionRules.sameTerms(before, request);
        if (termsChanged && auction.bidCount > 0) {
            throw DomainException.conflict("TERMS_LOCKED",
                    "Prices, dates and soft close can change only before the first bid.");
        }
        Instant startsAt = Objects.equals(request.startsAt(), before.startsAt()) ? auction.startsAt
                : AuctionRules.startOf(request.startsAt(), now, errors);
        Instant endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
        if (!endsAt.equals(auction.endsAt) && !endsAt.isAfter(now)) {
            errors.add(new FieldError("endsAt", "must be in the future"));
        }
        AuctionRules.checkTerms(request, startsAt, endsAt, config.maxDuration(), errors);
        Map<String, Object> attributes = checkContent(request, errors);
        List<Auction.Photo> photos = AuctionRules.photos(request.photos(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }

        boolean titleChanged = !request.title().strip().equals(auction.title);
        if (termsChanged) {
            mapping.copyTerms(request, startsAt, endsAt, auction, now);
            auction.currentPrice = auction.startingPrice;
        }
        boolean categoriesChanged = mapping.copyContent(request, attributes, photos, auction);
        auction.updatedAt = now;
        if (categoriesChanged) {
            auctions.refreshCategoryPath(auction.id);
        }
        if ((termsChanged || titleChanged) && auction.bidCount == 0) {
            outbox.publish(AuctionMapping.termsOf(auction, now, null)); // the engine keeps the listing's address
        }
        return views.view(auction, Viewer.user(caller));
    }

    /** Cancels the auction: its seller while nobody has bid, an administrator always. Cancelling twice is fine. */
    @Transactional
    public void cancel(UUID id, UUID caller, boolean admin, String reason) {
        Auction auction = auctions.lock(id).orElseThrow(Auction.NOT_FOUND::exception);
        boolean seller = auction.sellerId.equals(caller);
        if (!seller && !admin) {
            throw DomainException.forbidden("NOT_SELLER", "Only the seller or an administrator cancels an auction.");
        }
        if (auction.status == Auction.Status.CANCELLED) {
            return;
        }
        if (auction.status == Auction.Status.CLOSED) {
            throw DomainException.conflict("AUCTION_CLOSED", "The auction is closed; it cannot be cancelled.");
        }
        if (!admin && auction.bidCount > 0) {
            throw DomainException.conflict("AUCTION_HAS_BIDS",
                    "The auction has bids; only an administrator can cancel it now.");
        }
        Instant now = now();
        auction.status = Auction.Status.CANCELLED;
        auction.outcome = null;
        auction.updatedAt = now;
        String why = reason != null && !reason.isBlank() ? reason.strip()
                : seller ? "cancelled by the seller" : "cancelled by an administrator";
        outbox.publish(new AuctionCancelled(UUID.randomUUID(), auction.id, now, why));
    }

    /** Categories exist, attributes fit their definitions; returns the attribute values to store. */
    private Map<String, Object> checkContent(CreateAuctionRequest request, List<FieldError> errors) {
        List<UUID> categoryIds = request.categoryIds() == null ? List.of() : request.categoryIds();
        if (new HashSet<>(categoryIds).size() != categoryIds.size()) {
            errors.add(new FieldError("categoryIds", "must not repeat a category"));
        }
        List<FieldError> categoryErrors = new ArrayList<>();
        var definitions = categories.definitions(categoryIds, categoryErrors);
        errors.addAll(categoryErrors);
        if (!categoryErrors.isEmpty()) {
            return Map.of(); // attributes cannot be judged against unknown categories
        }
        AttributeRules.Result result = AttributeRules.check(request.attributes(), definitions);
        errors.addAll(result.errors());
        return result.values();
    }

    private CreateAuctionRequest readRequest(JsonNode merged) {
        try {
            return mapper.treeToValue(merged, CreateAuctionRequest.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : "request";
            throw DomainException.invalid(field, "has the wrong type or format");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static UUID uuidOrNull(JsonNode node) {
        try {
            return node == null || !node.isTextual() ? null : UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
