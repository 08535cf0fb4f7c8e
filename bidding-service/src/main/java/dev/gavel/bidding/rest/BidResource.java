package dev.gavel.bidding.rest;

import dev.gavel.bidding.rest.BidDtos.BuyNowRequest;
import dev.gavel.bidding.rest.BidDtos.MyAuction;
import dev.gavel.bidding.rest.BidDtos.BidView;
import dev.gavel.bidding.rest.BidDtos.LiveState;
import dev.gavel.bidding.rest.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.service.BidBatcher;
import dev.gavel.bidding.service.BidService;
import dev.gavel.common.Page;
import dev.gavel.common.Ids;
import dev.gavel.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

@Path("/api/bids")
@Produces(MediaType.APPLICATION_JSON)
public class BidResource {

    private static final java.time.Duration DECISION_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final BidService engine;
    private final BidBatcher batcher;
    private final JsonWebToken jwt;

    public BidResource(BidService engine, BidBatcher batcher, JsonWebToken jwt) {
        this.engine = engine;
        this.batcher = batcher;
        this.jwt = jwt;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> place(@Valid @NotNull PlaceBidRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        // no thread waits: the answer is written when the batch that decided the bid has committed
        return Uni.createFrom().completionStage(batcher.submit(BidService.Command.bid(body, Caller.of(jwt), idempotencyKey)))
                .ifNoItem().after(DECISION_TIMEOUT).failWith(() -> new IllegalStateException("the bid was not decided in time"))
                .map(BidResource::respond);
    }

    @POST
    @Path("/buy-now")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> buyNow(@Valid @NotNull BuyNowRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return Uni.createFrom().completionStage(batcher.submit(BidService.Command.buyNow(body.auctionId(),
                Caller.of(jwt), idempotencyKey)))
                .ifNoItem().after(DECISION_TIMEOUT).failWith(() -> new IllegalStateException("the buy-now was not decided in time"))
                .map(BidResource::respond);
    }

    @GET
    @Path("/mine")
    @Authenticated
    public Page<MyAuction> mine(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return engine.mine(Caller.of(jwt).id(), page, size);
    }

    private static Response respond(BidService.Answer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.json()).build();
    }

    @GET
    public Page<BidView> history(@QueryParam("auctionId") @NotNull UUID auctionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return engine.history(auctionId, page, size);
    }

    @GET
    @Path("/auctions/{auctionId}/state")
    public LiveState state(@PathParam("auctionId") String auctionId) {
        return engine.state(Ids.parseOrNotFound(auctionId, "AUCTION_NOT_FOUND", "No such auction."));
    }
}
