package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.security.Caller;

import java.util.UUID;

/** One request for the engine: a bid or a buy-now ({@code bid == null}), with its caller and Idempotency-Key. */
public record Command(UUID auctionId, PlaceBidRequest bid, Caller caller, String idempotencyKey) {

    public static Command bid(PlaceBidRequest request, Caller caller, String idempotencyKey) {
        return new Command(request.auctionId(), request, caller, idempotencyKey);
    }

    public static Command buyNow(UUID auctionId, Caller caller, String idempotencyKey) {
        return new Command(auctionId, null, caller, idempotencyKey);
    }

    /** What makes two requests with one Idempotency-Key the same request. */
    String fingerprint() {
        return bid == null ? "buy-now:" + auctionId
                : "bid:" + auctionId + ":" + dev.gavel.common.Money.of(bid.amount()) + ":"
                        + dev.gavel.common.Money.of(bid.maxAmount());
    }
}
