package dev.gavel.auction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.Auction;
import dev.gavel.auction.config.AuctionConfig;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.auction.rest.AuctionDtos.AuctionView;
import dev.gavel.auction.rest.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.rest.AuctionDtos.PhotoRequest;
import dev.gavel.auction.rest.AuctionDtos.SoftCloseTerms;
import dev.gavel.common.Money;
import dev.gavel.common.problem.FieldError;
import dev.gavel.common.problem.ProblemException;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.Outbox;
import dev.gavel.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The catalog's rules: creating, editing and cancelling auctions, publishing their terms, and following the bidding
 * engine's decisions.
 */
@ApplicationScoped
@Transactional
public class AuctionService {

    private static final Logger LOG = Logger.getLogger(AuctionService.class);
    private static final Duration MAX_SOFT_CLOSE = Duration.ofHours(1);
    /** A start given a little in the past (clock skew, latency) counts as "now". */
    private static final Duration START_TOLERANCE = Duration.ofMinutes(1);
    private static final int MAX_PHOTOS = 20;

    /** What PATCH may change: any time before the close ... */
    private static final Set<String> CONTENT = Set.of("title", "description", "categoryIds", "attributes", "location",
            "photos");
    /** ... and only while nobody has bid. */
    private static final Set<String> TERMS = Set.of("type", "currency", "startingPrice", "reservePrice", "buyNowPrice",
            "minIncrement", "softClose", "startsAt", "endsAt");
    /** Fields of the auction that nobody edits: they belong to the engine or to the platform. */
    private static final Set<String> READ_ONLY = Set.of("id", "sellerId", "reserveMet", "status", "outcome",
            "currentPrice", "bidCount", "leadingBidder", "winnerId", "finalPrice", "createdAt", "updatedAt");

    /** The consumer name under which processed bidding events are recorded. */
    static final String CONSUMER = "auction-service";

    private final AuctionRepository auctions;
    private final ProcessedEvents processed;
    private final CategoryService categories;
    private final PhotoVerifier photoVerifier;
    private final Outbox outbox;
    private final AuctionConfig config;
    private final ObjectMapper mapper;
    private final Validator validator;

    public AuctionService(AuctionRepository auctions, ProcessedEvents processed, CategoryService categories,
            PhotoVerifier photoVerifier, Outbox outbox, AuctionConfig config, ObjectMapper mapper, Validator validator) {
        this.auctions = auctions;
        this.processed = processed;
        this.categories = categories;
        this.photoVerifier = photoVerifier;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Photos are checked at media-service first, outside any transaction; then the auction is stored. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuctionView create(CreateAuctionRequest request, UUID sellerId) {
        List<UUID> photos = mediaIds(request.photos());
        List<FieldError> photoErrors = photoVerifier.verify(photos,
                IntStream.range(0, photos.size()).boxed().toList(), sellerId);
        return store(request, sellerId, photoErrors);
    }

    public AuctionView store(CreateAuctionRequest request, UUID sellerId, List<FieldError> photoErrors) {
        Instant now = now();
        List<FieldError> errors = new ArrayList<>(photoErrors);
        Instant startsAt = startOf(request.startsAt(), now, errors);
        Instant endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
        checkTerms(request, startsAt, endsAt, errors);
        Map<String, Object> attributes = checkContent(request, errors);
        List<Auction.Photo> photos = photos(request.photos(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }

        Auction auction = new Auction();
        auction.id = UUID.randomUUID();
        auction.sellerId = sellerId;
        auction.status = Auction.Status.SCHEDULED;
        auction.currentPrice = Money.of(request.startingPrice());
        auction.createdAt = now;
        copyTerms(request, startsAt, endsAt, auction, now);
        boolean categorized = copyContent(request, attributes, photos, auction);
        auctions.persist(auction);
        if (categorized) {
            auctions.refreshCategoryPath(auction.id);
        }
        outbox.publish(termsOf(auction, now));
        return view(auction, sellerId);
    }

    /**
     * A JSON merge patch by the seller: content any time before the close, terms only before the first bid. New
     * photos are checked at media-service before the transaction.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public AuctionView patch(UUID id, JsonNode patch, UUID caller) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("MALFORMED_REQUEST", "A PATCH body is a JSON object of the fields to change.");
        }
        List<FieldError> photoErrors = List.of();
        JsonNode photosNode = patch.get("photos");
        if (photosNode != null && photosNode.isArray() && photosNode.size() <= MAX_PHOTOS) {
            List<UUID> requested = new ArrayList<>();
            photosNode.forEach(p -> requested.add(uuidOrNull(p.get("mediaId"))));
            Set<UUID> known = currentPhotos(id);
            List<Integer> fresh = IntStream.range(0, requested.size())
                    .filter(i -> requested.get(i) != null && !known.contains(requested.get(i))).boxed().toList();
            photoErrors = photoVerifier.verify(requested, fresh, caller);
        }
        return applyPatch(id, (ObjectNode) patch, caller, photoErrors);
    }

    /** Read in a transaction: the photos are loaded lazily. */
    public Set<UUID> currentPhotos(UUID id) {
        Auction auction = find(id);
        Set<UUID> ids = new HashSet<>();
        auction.photos.forEach(p -> ids.add(p.mediaId));
        return ids;
    }

    public AuctionView applyPatch(UUID id, ObjectNode patch, UUID caller, List<FieldError> photoErrors) {
        Auction auction = auctions.lock(id).orElseThrow(AuctionService::notFound);
        if (!auction.sellerId.equals(caller)) {
            throw ProblemException.forbidden("NOT_SELLER", "Only the seller edits an auction.");
        }
        if (!auction.isOpen()) {
            throw ProblemException.conflict("AUCTION_NOT_EDITABLE", "The auction is " + auction.status
                    + " and can no longer be edited.");
        }
        List<FieldError> unknown = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        patch.fieldNames().forEachRemaining(name -> {
            if (READ_ONLY.contains(name)) {
                readOnly.add(name);
            } else if (!CONTENT.contains(name) && !TERMS.contains(name)) {
                unknown.add(new FieldError(name, "is not a field of an auction"));
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        if (!readOnly.isEmpty()) {
            throw ProblemException.conflict("FIELD_NOT_EDITABLE", "These fields are not edited by the seller: "
                    + String.join(", ", readOnly) + ".");
        }

        CreateAuctionRequest before = requestOf(auction);
        CreateAuctionRequest request = readRequest(mergePatch(mapper.valueToTree(before), patch));
        List<FieldError> errors = new ArrayList<>(photoErrors);
        validator.validate(request).forEach(v -> errors.add(new FieldError(
                v.getPropertyPath().toString().replace(".<list element>", ""), v.getMessage())));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }

        Instant now = now();
        boolean termsChanged = !sameTerms(before, request);
        if (termsChanged && auction.bidCount > 0) {
            throw ProblemException.conflict("TERMS_LOCKED",
                    "Prices, dates and soft close can change only before the first bid.");
        }
        Instant startsAt = Objects.equals(request.startsAt(), before.startsAt()) ? auction.startsAt
                : startOf(request.startsAt(), now, errors);
        Instant endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
        if (!endsAt.equals(auction.endsAt) && !endsAt.isAfter(now)) {
            errors.add(new FieldError("endsAt", "must be in the future"));
        }
        checkTerms(request, startsAt, endsAt, errors);
        Map<String, Object> attributes = checkContent(request, errors);
        List<Auction.Photo> photos = photos(request.photos(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }

        boolean titleChanged = !request.title().strip().equals(auction.title);
        if (termsChanged) {
            copyTerms(request, startsAt, endsAt, auction, now);
            auction.currentPrice = auction.startingPrice;
        }
        boolean categoriesChanged = copyContent(request, attributes, photos, auction);
        auction.updatedAt = now;
        if (categoriesChanged) {
            auctions.refreshCategoryPath(auction.id);
        }
        if ((termsChanged || titleChanged) && auction.bidCount == 0) {
            outbox.publish(termsOf(auction, now));
        }
        return view(auction, caller);
    }

    /** Cancels the auction: its seller while nobody has bid, an administrator always. Cancelling twice is fine. */
    public void cancel(UUID id, UUID caller, boolean admin, String reason) {
        Auction auction = auctions.lock(id).orElseThrow(AuctionService::notFound);
        boolean seller = auction.sellerId.equals(caller);
        if (!seller && !admin) {
            throw ProblemException.forbidden("NOT_SELLER", "Only the seller or an administrator cancels an auction.");
        }
        if (auction.status == Auction.Status.CANCELLED) {
            return;
        }
        if (auction.status == Auction.Status.CLOSED) {
            throw ProblemException.conflict("AUCTION_CLOSED", "The auction is closed; it cannot be cancelled.");
        }
        if (!admin && auction.bidCount > 0) {
            throw ProblemException.conflict("AUCTION_HAS_BIDS",
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

    /** Read in a transaction: categories and photos are loaded lazily. */
    public AuctionView get(UUID id, UUID viewer) {
        return view(find(id), viewer);
    }

    /** Applies a bidding event once: its id is recorded in the same transaction as its effect. */
    public void follow(BidPlaced event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            apply(event);
        }
    }

    public void follow(AuctionClosed event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            apply(event);
        }
    }

    /** Follows an accepted bid (events older than what is stored are ignored). */
    void apply(BidPlaced event) {
        Auction auction = auctions.lock(event.auctionId()).orElse(null);
        if (auction == null) {
            LOG.warnf("bid-placed for unknown auction %s ignored", event.auctionId());
            return;
        }
        if (event.sequence() <= auction.lastSequence) {
            return;
        }
        auction.lastSequence = event.sequence();
        auction.currentPrice = event.currentPrice();
        auction.bidCount = event.bidCount();
        auction.endsAt = event.endsAt();
        auction.leadingBidderId = event.leaderId();
        if (event.leaderId() != null && event.leaderId().equals(event.bidderId())) {
            auction.leadingBidderName = event.bidderDisplayName();
        }
        auction.reserveMet = auction.reservePrice == null || reached(auction, event.currentPrice());
        if (auction.status == Auction.Status.SCHEDULED) {
            auction.status = Auction.Status.ACTIVE;
        }
        auction.updatedAt = Instant.now();
    }

    /** Follows the engine's close. */
    void apply(AuctionClosed event) {
        Auction auction = auctions.lock(event.auctionId()).orElse(null);
        if (auction == null) {
            LOG.warnf("auction-closed for unknown auction %s ignored", event.auctionId());
            return;
        }
        if (event.sequence() <= auction.lastSequence) {
            return;
        }
        auction.lastSequence = event.sequence();
        auction.status = event.outcome() == Outcome.CANCELLED ? Auction.Status.CANCELLED : Auction.Status.CLOSED;
        auction.outcome = event.outcome() == Outcome.CANCELLED ? null : event.outcome();
        auction.winnerId = event.winnerId();
        auction.finalPrice = event.finalPrice();
        auction.bidCount = event.bidCount();
        if (event.finalPrice() != null) {
            auction.currentPrice = event.finalPrice();
        }
        auction.updatedAt = Instant.now();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The start: omitted or a moment ago means now; further in the past is an error. */
    private static Instant startOf(Instant requested, Instant now, List<FieldError> errors) {
        if (requested == null || !requested.isAfter(now)) {
            if (requested != null && requested.isBefore(now.minus(START_TOLERANCE))) {
                errors.add(new FieldError("startsAt", "must not be in the past"));
            }
            return now;
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    private void checkTerms(CreateAuctionRequest request, Instant startsAt, Instant endsAt, List<FieldError> errors) {
        AuctionType type = request.type() == null ? AuctionType.FORWARD : request.type();
        if (!endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(startsAt, endsAt).compareTo(config.maxDuration()) > 0) {
            errors.add(new FieldError("endsAt", "an auction may run at most " + config.maxDuration()));
        }
        BigDecimal start = request.startingPrice();
        BigDecimal reserve = request.reservePrice();
        if (type == AuctionType.FORWARD && reserve != null && reserve.compareTo(start) < 0) {
            errors.add(new FieldError("reservePrice", "must be at least the startingPrice"));
        }
        if (type == AuctionType.REVERSE && reserve != null && reserve.compareTo(start) > 0) {
            errors.add(new FieldError("reservePrice", "must be at most the startingPrice of a reverse auction"));
        }
        if (request.buyNowPrice() != null) {
            if (type == AuctionType.REVERSE) {
                errors.add(new FieldError("buyNowPrice", "is not offered on reverse auctions"));
            } else if (request.buyNowPrice().compareTo(start) <= 0) {
                errors.add(new FieldError("buyNowPrice", "must be above the startingPrice"));
            } else if (reserve != null && request.buyNowPrice().compareTo(reserve) <= 0) {
                errors.add(new FieldError("buyNowPrice", "must be above the reservePrice"));
            }
        }
        if (request.softClose() != null) {
            checkDuration("softClose.window", request.softClose().window(), Duration.ZERO, errors);
            checkDuration("softClose.extension", request.softClose().extension(), Duration.ofSeconds(1), errors);
        }
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

    /** The photos to store: at most one main (the first when none is marked), no media twice. */
    private static List<Auction.Photo> photos(List<PhotoRequest> requested, List<FieldError> errors) {
        List<Auction.Photo> photos = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            return photos;
        }
        if (requested.size() > MAX_PHOTOS) {
            errors.add(new FieldError("photos", "at most " + MAX_PHOTOS + " photos"));
        }
        long mains = requested.stream().filter(PhotoRequest::main).count();
        if (mains > 1) {
            errors.add(new FieldError("photos", "only one photo can be the main photo"));
        }
        if (requested.stream().map(PhotoRequest::mediaId).distinct().count() != requested.size()) {
            errors.add(new FieldError("photos", "must not repeat a media id"));
        }
        for (int i = 0; i < requested.size(); i++) {
            photos.add(new Auction.Photo(requested.get(i).mediaId(), mains == 0 ? i == 0 : requested.get(i).main()));
        }
        return photos;
    }

    private void copyTerms(CreateAuctionRequest request, Instant startsAt, Instant endsAt, Auction auction,
            Instant now) {
        auction.type = request.type() == null ? AuctionType.FORWARD : request.type();
        auction.currency = request.currency() == null ? config.defaultCurrency() : request.currency();
        auction.startingPrice = Money.of(request.startingPrice());
        auction.reservePrice = Money.of(request.reservePrice());
        auction.buyNowPrice = Money.of(request.buyNowPrice());
        auction.minIncrement = Money.of(request.minIncrement());
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

    /** @return whether the categories changed (then the auction's category_path must follow) */
    private boolean copyContent(CreateAuctionRequest request, Map<String, Object> attributes, List<Auction.Photo> photos,
            Auction auction) {
        auction.title = request.title().strip();
        auction.description = request.description();
        auction.location = request.location() == null || request.location().isBlank() ? null : request.location().strip();
        auction.attributes = writeAttributes(attributes);
        Set<UUID> categoryIds = new LinkedHashSet<>(request.categoryIds() == null ? List.of() : request.categoryIds());
        boolean categoriesChanged = !auction.categoryIds.equals(categoryIds);
        if (categoriesChanged) {
            auction.categoryIds.clear();
            auction.categoryIds.addAll(categoryIds);
        }
        if (!samePhotos(auction.photos, photos)) {
            auction.photos.clear();
            auctions.flush(); // the old rows go before the new ones arrive (unique main / media per auction)
            auction.photos.addAll(photos);
        }
        return categoriesChanged;
    }

    private static boolean samePhotos(List<Auction.Photo> current, List<Auction.Photo> wanted) {
        if (current.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            if (!current.get(i).mediaId.equals(wanted.get(i).mediaId) || current.get(i).main != wanted.get(i).main) {
                return false;
            }
        }
        return true;
    }

    /** The auction as a request, the base a merge patch applies to. */
    private CreateAuctionRequest requestOf(Auction a) {
        SoftCloseTerms softClose = a.softCloseMode == null ? null
                : new SoftCloseTerms(a.softCloseWindow, a.softCloseExtension, a.softCloseMode);
        return new CreateAuctionRequest(a.title, a.description, a.type, a.currency, a.startingPrice, a.reservePrice,
                a.buyNowPrice, a.minIncrement, softClose, a.startsAt, a.endsAt, List.copyOf(a.categoryIds),
                readAttributes(a.attributes), a.location,
                a.photos.stream().map(p -> new PhotoRequest(p.mediaId, p.main)).toList());
    }

    private static boolean sameTerms(CreateAuctionRequest a, CreateAuctionRequest b) {
        return Objects.equals(a.type(), b.type())
                && Objects.equals(a.currency(), b.currency())
                && sameMoney(a.startingPrice(), b.startingPrice())
                && sameMoney(a.reservePrice(), b.reservePrice())
                && sameMoney(a.buyNowPrice(), b.buyNowPrice())
                && sameMoney(a.minIncrement(), b.minIncrement())
                && sameSoftClose(a.softClose(), b.softClose())
                && Objects.equals(a.startsAt(), b.startsAt())
                && Objects.equals(a.endsAt().truncatedTo(ChronoUnit.MICROS), b.endsAt().truncatedTo(ChronoUnit.MICROS));
    }

    private static boolean sameMoney(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static boolean sameSoftClose(SoftCloseTerms a, SoftCloseTerms b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return a.mode() == b.mode() && Duration.parse(a.window()).equals(Duration.parse(b.window()))
                    && Duration.parse(a.extension()).equals(Duration.parse(b.extension()));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** RFC 7396: null removes a member, an object merges into the stored object, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }

    private CreateAuctionRequest readRequest(JsonNode merged) {
        try {
            return mapper.treeToValue(merged, CreateAuctionRequest.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : "request";
            throw ProblemException.invalid(field, "has the wrong type or format");
        }
    }

    private static List<UUID> mediaIds(List<PhotoRequest> photos) {
        return photos == null ? List.of() : photos.stream().map(PhotoRequest::mediaId).toList();
    }

    private static UUID uuidOrNull(JsonNode node) {
        try {
            return node == null || !node.isTextual() ? null : UUID.fromString(node.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean reached(Auction auction, BigDecimal price) {
        int cmp = price.compareTo(auction.reservePrice);
        return auction.type == AuctionType.FORWARD ? cmp >= 0 : cmp <= 0;
    }

    Auction find(UUID id) {
        return auctions.findByIdOptional(id).orElseThrow(AuctionService::notFound);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction.");
    }

    private AuctionPublished termsOf(Auction a, Instant now) {
        return new AuctionPublished(UUID.randomUUID(), a.id, a.sellerId, a.title, a.type, a.currency,
                a.startingPrice, a.reservePrice, a.buyNowPrice, a.minIncrement, a.softClose(), a.startsAt, a.endsAt,
                now);
    }

    public AuctionView view(Auction auction, UUID viewer) {
        return AuctionView.of(auction, readAttributes(auction.attributes), viewer);
    }

    private static void checkDuration(String field, String text, Duration min, List<FieldError> errors) {
        try {
            Duration d = Duration.parse(text);
            if (d.compareTo(min) < 0 || d.compareTo(MAX_SOFT_CLOSE) > 0) {
                errors.add(new FieldError(field, "must be between " + min + " and " + MAX_SOFT_CLOSE));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 duration such as PT60S"));
        }
    }

    private String writeAttributes(Map<String, Object> attributes) {
        try {
            return mapper.writeValueAsString(attributes == null ? Map.of() : attributes);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("attributes", "must be a JSON object of simple values");
        }
    }

    private Map<String, Object> readAttributes(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }
}
