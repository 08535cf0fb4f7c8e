package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.api.AuctionDtos.PhotoRequest;
import dev.gavel.auction.api.AuctionDtos.SoftCloseTerms;
import dev.gavel.common.problem.FieldError;
import dev.gavel.events.AuctionType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The catalog's rules for an auction's terms and photos, as pure functions: each check adds the fields at fault to
 * {@code errors} and changes nothing else.
 */
public final class AuctionRules {

    static final Duration MAX_SOFT_CLOSE = Duration.ofHours(1);
    /** A start given a little in the past (clock skew, latency) counts as "now". */
    static final Duration START_TOLERANCE = Duration.ofMinutes(1);
    static final int MAX_PHOTOS = 20;

    private AuctionRules() {
    }

    /** The start: omitted or a moment ago means now; further in the past is an error. */
    public static Instant startOf(Instant requested, Instant now, List<FieldError> errors) {
        if (requested == null || !requested.isAfter(now)) {
            if (requested != null && requested.isBefore(now.minus(START_TOLERANCE))) {
                errors.add(new FieldError("startsAt", "must not be in the past"));
            }
            return now;
        }
        return requested.truncatedTo(ChronoUnit.MICROS);
    }

    /** Dates, prices and soft close fit together (CONTRACT §3). */
    public static void checkTerms(CreateAuctionRequest request, Instant startsAt, Instant endsAt, Duration maxDuration,
            List<FieldError> errors) {
        AuctionType type = request.type() == null ? AuctionType.FORWARD : request.type();
        if (!endsAt.isAfter(startsAt)) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        } else if (Duration.between(startsAt, endsAt).compareTo(maxDuration) > 0) {
            errors.add(new FieldError("endsAt", "an auction may run at most " + maxDuration));
        }
        BigDecimal start = request.startingPrice();
        BigDecimal reserve = request.reservePrice();
        if (reserve != null && type.better(start, reserve)) {
            errors.add(new FieldError("reservePrice", type == AuctionType.FORWARD
                    ? "must be at least the startingPrice" : "must be at most the startingPrice of a reverse auction"));
        }
        if (request.buyNowPrice() != null) {
            if (type == AuctionType.REVERSE) {
                errors.add(new FieldError("buyNowPrice", "is not offered on reverse auctions"));
            } else if (!type.better(request.buyNowPrice(), start)) {
                errors.add(new FieldError("buyNowPrice", "must be above the startingPrice"));
            } else if (reserve != null && !type.better(request.buyNowPrice(), reserve)) {
                errors.add(new FieldError("buyNowPrice", "must be above the reservePrice"));
            }
        }
        if (request.depositRequired() != null && type == AuctionType.REVERSE) {
            errors.add(new FieldError("depositRequired", "is not asked on reverse auctions"));
        }
        if (request.softClose() != null) {
            checkDuration("softClose.window", request.softClose().window(), Duration.ZERO, errors);
            checkDuration("softClose.extension", request.softClose().extension(), Duration.ofSeconds(1), errors);
        }
    }

    /** The photos to store: at most one main (the first when none is marked), no media twice. */
    public static List<Auction.Photo> photos(List<PhotoRequest> requested, List<FieldError> errors) {
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

    /** The same photos in the same order with the same main photo. */
    public static boolean samePhotos(List<Auction.Photo> current, List<Auction.Photo> wanted) {
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

    /** Whether two requests have the same terms (prices by value, durations by length, instants to the microsecond). */
    public static boolean sameTerms(CreateAuctionRequest a, CreateAuctionRequest b) {
        return Objects.equals(a.type(), b.type())
                && Objects.equals(a.currency(), b.currency())
                && sameMoney(a.startingPrice(), b.startingPrice())
                && sameMoney(a.reservePrice(), b.reservePrice())
                && sameMoney(a.buyNowPrice(), b.buyNowPrice())
                && sameMoney(a.minIncrement(), b.minIncrement())
                && sameMoney(a.depositRequired(), b.depositRequired())
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
}
