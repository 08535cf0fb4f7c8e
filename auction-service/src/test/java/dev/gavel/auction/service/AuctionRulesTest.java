package dev.gavel.auction.service;

import dev.gavel.auction.api.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.api.AuctionDtos.PhotoRequest;
import dev.gavel.auction.api.AuctionDtos.SoftCloseTerms;
import dev.gavel.common.problem.FieldError;
import dev.gavel.events.AuctionType;
import dev.gavel.events.SoftClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuctionRulesTest {

    static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    static CreateAuctionRequest request(AuctionType type, String start, String reserve, String buyNow,
            SoftCloseTerms softClose, Instant endsAt) {
        return new CreateAuctionRequest("Lamp", null, type, "EUR", new BigDecimal(start),
                reserve == null ? null : new BigDecimal(reserve), buyNow == null ? null : new BigDecimal(buyNow), null,
                softClose, null, endsAt, List.of(), null, null, List.of(), null);
    }

    static List<String> termErrors(CreateAuctionRequest request, Instant endsAt) {
        List<FieldError> errors = new ArrayList<>();
        AuctionRules.checkTerms(request, NOW, endsAt, Duration.ofDays(30), errors);
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    @ParameterizedTest(name = "{0} start {1} reserve {2} buy-now {3} -> {4}")
    @CsvSource(nullValues = "none", delimiter = '|', value = {
            "FORWARD | 10 | 20   | 30   | none",
            "FORWARD | 10 | 5    | none | reservePrice: must be at least the startingPrice",
            "FORWARD | 10 | 10   | none | none",
            "FORWARD | 10 | none | 10   | buyNowPrice: must be above the startingPrice",
            "FORWARD | 10 | 20   | 20   | buyNowPrice: must be above the reservePrice",
            "REVERSE | 10 | 5    | none | none",
            "REVERSE | 10 | 15   | none | reservePrice: must be at most the startingPrice of a reverse auction",
            "REVERSE | 10 | none | 30   | buyNowPrice: is not offered on reverse auctions",
    })
    void pricesFitTogether(AuctionType type, String start, String reserve, String buyNow, String error) {
        Instant end = NOW.plus(Duration.ofDays(1));
        assertEquals(error == null ? List.of() : List.of(error),
                termErrors(request(type, start, reserve, buyNow, null, end), end));
    }

    @Test
    void datesAndSoftCloseHaveBounds() {
        Instant end = NOW.plus(Duration.ofDays(1));
        assertEquals(List.of("endsAt: must be after startsAt"),
                termErrors(request(AuctionType.FORWARD, "10", null, null, null, NOW), NOW));
        Instant tooLate = NOW.plus(Duration.ofDays(31));
        assertEquals(List.of("endsAt: an auction may run at most PT720H"),
                termErrors(request(AuctionType.FORWARD, "10", null, null, null, tooLate), tooLate));
        assertEquals(List.of("softClose.window: must be between PT0S and PT1H",
                        "softClose.extension: must be an ISO-8601 duration such as PT60S"),
                termErrors(request(AuctionType.FORWARD, "10", null, null,
                        new SoftCloseTerms("PT2H", "soon", SoftClose.Mode.EXTEND), end), end));
    }

    @ParameterizedTest(name = "requested {0} -> {1}, error {2}")
    @CsvSource(nullValues = "none", value = {
            "none,                 2030-01-01T12:00:00Z, false",
            "2030-01-01T11:59:30Z, 2030-01-01T12:00:00Z, false", // a moment ago counts as now
            "2030-01-01T11:50:00Z, 2030-01-01T12:00:00Z, true",  // further in the past is an error
            "2030-01-02T08:00:00Z, 2030-01-02T08:00:00Z, false",
    })
    void aStartInThePastMeansNowWithinATolerance(Instant requested, Instant expected, boolean error) {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(expected, AuctionRules.startOf(requested, NOW, errors));
        assertEquals(error, !errors.isEmpty());
    }

    @Test
    void photosHaveOneMainAndNoRepeats() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<FieldError> errors = new ArrayList<>();
        var photos = AuctionRules.photos(List.of(new PhotoRequest(a, false), new PhotoRequest(b, false)), errors);
        assertTrue(errors.isEmpty());
        assertTrue(photos.get(0).main, "without a main photo the first is the main one");
        assertFalse(photos.get(1).main);
        AuctionRules.photos(List.of(new PhotoRequest(a, true), new PhotoRequest(a, true)), errors);
        assertEquals(List.of("only one photo can be the main photo", "must not repeat a media id"),
                errors.stream().map(FieldError::message).toList());
    }

    @Test
    void termsCompareByValue() {
        Instant end = NOW.plus(Duration.ofDays(1));
        CreateAuctionRequest a = request(AuctionType.FORWARD, "10", "20", null,
                new SoftCloseTerms("PT60S", "PT30S", SoftClose.Mode.EXTEND), end);
        CreateAuctionRequest b = request(AuctionType.FORWARD, "10.00", "20.0", null,
                new SoftCloseTerms("PT1M", "PT30S", SoftClose.Mode.EXTEND), end.plusNanos(1));
        assertTrue(AuctionRules.sameTerms(a, b), "10 = 10.00, PT60S = PT1M, nanoseconds below a microsecond");
        assertFalse(AuctionRules.sameTerms(a, request(AuctionType.FORWARD, "10", "21", null,
                new SoftCloseTerms("PT60S", "PT30S", SoftClose.Mode.EXTEND), end)));
    }
}
