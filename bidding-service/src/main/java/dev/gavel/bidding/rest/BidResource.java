package dev.gavel.bidding.rest;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.api.BidDtos.BidView;
import dev.gavel.bidding.api.BidDtos.BuyNowRequest;
import dev.gavel.bidding.api.BidDtos.LiveState;
import dev.gavel.bidding.api.BidDtos.MyAuction;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.service.BidBatcher;
import dev.gavel.bidding.service.BidQueries;
import dev.gavel.bidding.service.BidRateLimit;
import dev.gavel.common.error.DomainException;
import dev.gavel.bidding.service.Command;
import dev.gavel.bidding.service.Decision;
import dev.gavel.common.Page;
import dev.gavel.common.http.ClientAddresses;
import dev.gavel.common.security.Caller;
import dev.gavel.bidding.service.SuspendedAccounts;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Path("/api/bids")
@Produces(MediaType.APPLICATION_JSON)
public class BidResource {

    static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);

    private final BidBatcher batcher;
    private final BidQueries queries;
    private final JsonWebToken jwt;
    private final SuspendedAccounts suspended;
    private final BidRateLimit rateLimit;
    private final Clock clock;
    private final ClientAddresses addresses;

    public BidResource(BidBatcher batcher, BidQueries queries, SuspendedAccounts suspended, BidRateLimit rateLimit,
            JsonWebToken jwt, Clock clock, ClientAddresses addresses) {
        this.addresses = addresses;
        this.clock = clock;
        this.suspended = suspended;
        this.rateLimit = rateLimit;
        this.batcher = batcher;
        this.queries = queries;
        this.jwt = jwt;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> place(@Valid @NotNull PlaceBidRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context HttpServerRequest request) {
        Instant received = clock.instant(); // the bid counts at this instant, however long its batch takes
        return decide(Command.bid(body, allowed(Caller.of(jwt)), idempotencyKey, received, addresses.hashOf(request)));
    }

    @POST
    @Path("/buy-now")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> buyNow(@Valid @NotNull BuyNowRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context HttpServerRequest request) {
        Instant received = clock.instant();
        return decide(Command.buyNow(body.auctionId(), body.expectedPrice(), allowed(Caller.of(jwt)), idempotencyKey,
                received, addresses.hashOf(request)));
    }

    @GET
    @Path("/mine")
    @Authenticated
    public Page<MyAuction> mine(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.mine(Caller.of(jwt).id(), page, size);
    }

    @GET
    public Page<BidView> history(@QueryParam("auctionId") @NotNull UUID auctionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.history(auctionId, page, size);
    }

    /** The tamper-evident log of the auction's accepted bids; anyone can recompute it (docs/api.md). */
    @GET
    @Path("/auctions/{auctionId}/log")
    public BidQueries.LogView log(@PathParam("auctionId") String auctionId) {
        return queries.log(AuctionState.NOT_FOUND.id(auctionId));
    }

    @GET
    @Path("/auctions/{auctionId}/state")
    public LiveState state(@PathParam("auctionId") String auctionId) {
        return queries.state(AuctionState.NOT_FOUND.id(auctionId));
    }

    /**
     * No thread waits: the answer is written when the batch that decided the command has committed. A plain
     * {@link CompletionStage} with one timer: a {@code Uni} with a timeout here captured and restored the request's
     * context at each of its four steps and set a Vert.x timer through Mutiny's scheduler, all of it in a JFR profile
     * of a hot bid storm (gavel-bench SpreadStorm -Dlots=1, docs/benchmarks.md).
     */
    private CompletionStage<Response> decide(Command command) {
        return within(batcher.submit(command), DECISION_TIMEOUT).thenApply(this::respond);
    }

    /**
     * The decision, or 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After} when none came within {@code timeout}
     * (the bid may still be decided: the same Idempotency-Key tells its outcome); other failures stay as they are.
     */
    static CompletableFuture<Decision> within(CompletableFuture<Decision> decision, Duration timeout) {
        return decision.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return new Decision(null, DomainException.unavailable("SERVICE_UNAVAILABLE", "The bid was not decided "
                        + "in time; it may still be. Repeat the request with the same Idempotency-Key to learn its "
                        + "outcome.", Duration.ofSeconds(1)));
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    /** An accepted bid (fresh or replayed) is 201 with its result; a rejection becomes its problem, with serverTime. */
    private Response respond(Decision decision) {
        if (decision.rejection() != null) {
            throw decision.rejection().with("serverTime", clock.instant().toString());
        }
        BidResult accepted = decision.accepted();
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(accepted).build();
    }

    /** Who may bid: a verified address (the token says so), an account no admin suspended, within the rate limit. */
    private Caller allowed(Caller caller) {
        caller.requireVerifiedEmail();
        suspended.check(caller.id());
        rateLimit.take(caller.id());
        return caller;
    }
}
