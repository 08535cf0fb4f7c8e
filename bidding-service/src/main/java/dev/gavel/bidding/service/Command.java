package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.Money;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import io.opentelemetry.context.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One request for the engine: a bid, or a buy-now ({@code bid == null}) at the {@code expectedPrice} the buyer saw,
 * with its caller and Idempotency-Key. A malformed key is refused here, before the command joins a batch, so it can
 * never disturb the other bids decided with it. {@code trace} is the request's trace context: the engine decides the
 * command in it, whichever thread writes the batch. {@code receivedAt} is when the request arrived: a bid counts at
 * that instant (CONTRACT §4b, the received-time rule), however long it waited for its batch; null means "when it is
 * decided". {@code clientAddressHash} is the keyed hash of the request's client address (or null), kept with the
 * bidder's position for the shill-bidding signals.
 */
public record Command(UUID auctionId, PlaceBidRequest bid, BigDecimal expectedPrice, Caller caller,
        String idempotencyKey, Context trace, Instant receivedAt, String clientAddressHash) {

    /** The longest Idempotency-Key taken. */
    public static final int MAX_KEY_LENGTH = 200;

    public Command {
        if (idempotencyKey != null && !validKey(idempotencyKey)) {
            throw DomainException.invalid("Idempotency-Key",
                    "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
        }
    }

    /** A bid received at {@code receivedAt} from a client address (hashed), in the trace current now (the request's). */
    public static Command bid(PlaceBidRequest request, Caller caller, String idempotencyKey, Instant receivedAt,
            String clientAddressHash) {
        return new Command(request.auctionId(), request, null, caller, idempotencyKey, Context.current(), receivedAt,
                clientAddressHash);
    }

    /** A bid received at {@code receivedAt}, in the trace current now. */
    public static Command bid(PlaceBidRequest request, Caller caller, String idempotencyKey, Instant receivedAt) {
        return bid(request, caller, idempotencyKey, receivedAt, null);
    }

    /** A bid that counts when it is decided. */
    public static Command bid(PlaceBidRequest request, Caller caller, String idempotencyKey) {
        return bid(request, caller, idempotencyKey, null);
    }

    /** A buy-now received at {@code receivedAt} from a client address (hashed), in the trace current now. */
    public static Command buyNow(UUID auctionId, BigDecimal expectedPrice, Caller caller, String idempotencyKey,
            Instant receivedAt, String clientAddressHash) {
        return new Command(auctionId, null, expectedPrice, caller, idempotencyKey, Context.current(), receivedAt,
                clientAddressHash);
    }

    /** A buy-now received at {@code receivedAt}, in the trace current now. */
    public static Command buyNow(UUID auctionId, BigDecimal expectedPrice, Caller caller, String idempotencyKey,
            Instant receivedAt) {
        return buyNow(auctionId, expectedPrice, caller, idempotencyKey, receivedAt, null);
    }

    /** A buy-now that counts when it is decided. */
    public static Command buyNow(UUID auctionId, BigDecimal expectedPrice, Caller caller, String idempotencyKey) {
        return buyNow(auctionId, expectedPrice, caller, idempotencyKey, null);
    }

    /** Printable ASCII (space to tilde): no control character, no NUL, nothing a database or a log could choke on. */
    static boolean validKey(String key) {
        return !key.isBlank() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** What makes two requests with one Idempotency-Key the same request. */
    String fingerprint() {
        return bid == null ? "buy-now:" + auctionId + ":" + Money.of(expectedPrice)
                : "bid:" + auctionId + ":" + Money.of(bid.amount()) + ":" + Money.of(bid.maxAmount());
    }
}
