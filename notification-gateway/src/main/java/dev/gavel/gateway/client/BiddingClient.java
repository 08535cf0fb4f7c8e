package dev.gavel.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** bidding-service's live state, for the snapshot a new watcher receives first. */
@RegisterRestClient(configKey = "bidding")
@Path("/api/bids")
public interface BiddingClient {

    record LeadingBidder(UUID id, String displayName) {
    }

    record LiveState(UUID auctionId, String status, BigDecimal currentPrice, BigDecimal minNextBid, long bidCount,
            LeadingBidder leadingBidder, Instant endsAt, boolean reserveMet, boolean buyNowAvailable, long sequence) {
    }

    @GET
    @Path("/auctions/{auctionId}/state")
    Uni<LiveState> state(@PathParam("auctionId") UUID auctionId);
}
