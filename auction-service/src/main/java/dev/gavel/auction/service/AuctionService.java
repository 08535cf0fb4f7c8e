package dev.gavel.auction.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.auction.Auction;
import dev.gavel.auction.config.AuctionConfig;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.auction.rest.AuctionDtos.AuctionView;
import dev.gavel.auction.rest.AuctionDtos.CreateAuctionRequest;
import dev.gavel.common.Money;
import dev.gavel.common.problem.FieldError;
import dev.gavel.common.problem.ProblemException;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The catalog's rules: creating auctions, publishing their terms, following the bidding engine's decisions. */
@ApplicationScoped
@Transactional
public class AuctionService {

    private static final Logger LOG = Logger.getLogger(AuctionService.class);
    private static final Duration MAX_SOFT_CLOSE = Duration.ofHours(1);
    /** A start given a little in the past (clock skew, latency) counts as "now". */
    private static final Duration START_TOLERANCE = Duration.ofMinutes(1);

    private final AuctionRepository auctions;
    private final Outbox outbox;
    private final AuctionConfig config;
    private final ObjectMapper mapper;

    public AuctionService(AuctionRepository auctions, Outbox outbox, AuctionConfig config, ObjectMapper mapper) {
        this.auctions = auctions;
        this.outbox = outbox;
        this.config = config;
        this.mapper = mapper;
    }

    public AuctionView create(CreateAuctionRequest request, UUID sellerId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<FieldError> errors = new ArrayList<>();
        AuctionType type = request.type() == null ? AuctionType.FORWARD : request.type();
        Instant startsAt = request.startsAt() == null || request.startsAt().isBefore(now)
                ? (request.startsAt() != null && request.startsAt().isBefore(now.minus(START_TOLERANCE)) ? null : now)
                : request.startsAt().truncatedTo(ChronoUnit.MICROS);
        if (startsAt == null) {
            errors.add(new FieldError("startsAt", "must not be in the past"));
            startsAt = now;
        }
        Instant endsAt = request.endsAt().truncatedTo(ChronoUnit.MICROS);
        if (!endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(startsAt, endsAt).compareTo(config.maxDuration()) > 0) {
            errors.add(new FieldError("endsAt", "an auction may run at most " + config.maxDuration()));
        }
        BigDecimal start = request.startingPrice();
        if (type == AuctionType.FORWARD && request.reservePrice() != null
                && request.reservePrice().compareTo(start) < 0) {
            errors.add(new FieldError("reservePrice", "must be at least the startingPrice"));
        }
        if (type == AuctionType.REVERSE && request.reservePrice() != null
                && request.reservePrice().compareTo(start) > 0) {
            errors.add(new FieldError("reservePrice", "must be at most the startingPrice of a reverse auction"));
        }
        if (request.buyNowPrice() != null) {
            if (type == AuctionType.REVERSE) {
                errors.add(new FieldError("buyNowPrice", "is not offered on reverse auctions"));
            } else if (request.buyNowPrice().compareTo(start) <= 0) {
                errors.add(new FieldError("buyNowPrice", "must be above the startingPrice"));
            } else if (request.reservePrice() != null && request.buyNowPrice().compareTo(request.reservePrice()) < 0) {
                errors.add(new FieldError("buyNowPrice", "must be at least the reservePrice"));
            }
        }
        if (request.softClose() != null) {
            checkDuration("softClose.window", request.softClose().window(), Duration.ZERO, errors);
            checkDuration("softClose.extension", request.softClose().extension(), Duration.ofSeconds(1), errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }

        Auction auction = new Auction();
        auction.id = UUID.randomUUID();
        auction.sellerId = sellerId;
        auction.title = request.title().strip();
        auction.description = request.description();
        auction.type = type;
        auction.currency = request.currency() == null ? config.defaultCurrency() : request.currency();
        auction.startingPrice = Money.of(start);
        auction.reservePrice = Money.of(request.reservePrice());
        auction.buyNowPrice = Money.of(request.buyNowPrice());
        auction.minIncrement = Money.of(request.minIncrement());
        if (request.softClose() != null) {
            auction.softCloseWindow = Duration.parse(request.softClose().window()).toString();
            auction.softCloseExtension = Duration.parse(request.softClose().extension()).toString();
            auction.softCloseMode = request.softClose().mode();
        }
        auction.startsAt = startsAt;
        auction.endsAt = endsAt;
        auction.status = startsAt.isAfter(now) ? Auction.Status.SCHEDULED : Auction.Status.ACTIVE;
        auction.currentPrice = auction.startingPrice;
        auction.attributes = writeAttributes(request.attributes());
        auction.location = request.location();
        auction.createdAt = now;
        auction.updatedAt = now;
        auctions.persist(auction);
        outbox.publish(termsOf(auction, now));
        return view(auction, sellerId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AuctionView get(UUID id, UUID viewer) {
        return view(find(id), viewer);
    }

    /** Follows an accepted bid (events older than what is stored are ignored). */
    public void apply(BidPlaced event) {
        Auction auction = auctions.findById(event.auctionId());
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
    public void apply(AuctionClosed event) {
        Auction auction = auctions.findById(event.auctionId());
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

    private static boolean reached(Auction auction, BigDecimal price) {
        int cmp = price.compareTo(auction.reservePrice);
        return auction.type == AuctionType.FORWARD ? cmp >= 0 : cmp <= 0;
    }

    private Auction find(UUID id) {
        return auctions.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction."));
    }

    private AuctionPublished termsOf(Auction a, Instant now) {
        return new AuctionPublished(UUID.randomUUID(), a.id, a.sellerId, a.title, a.type, a.currency,
                a.startingPrice, a.reservePrice, a.buyNowPrice, a.minIncrement, a.softClose(), a.startsAt, a.endsAt,
                now);
    }

    private AuctionView view(Auction auction, UUID viewer) {
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
