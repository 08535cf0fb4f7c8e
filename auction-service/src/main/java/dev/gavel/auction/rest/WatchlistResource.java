package dev.gavel.auction.rest;

import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos;
import dev.gavel.auction.service.CatalogSearch;
import dev.gavel.auction.service.WatchlistService;
import dev.gavel.common.Page;
import dev.gavel.common.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/** The caller's favourites (CONTRACT §3): PUT and DELETE are idempotent. */
@Path("/api/watchlist")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class WatchlistResource {

    private final WatchlistService watchlist;
    private final CatalogSearch search;
    private final JsonWebToken jwt;

    public WatchlistResource(WatchlistService watchlist, CatalogSearch search, JsonWebToken jwt) {
        this.watchlist = watchlist;
        this.search = search;
        this.jwt = jwt;
    }

    @GET
    public AuctionDtos.CatalogPage list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return search.watchlist(Caller.of(jwt).id(), page, size);
    }

    @PUT
    @Path("/{auctionId}")
    public Response add(@PathParam("auctionId") String auctionId) {
        watchlist.add(Caller.of(jwt).id(), parse(auctionId));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{auctionId}")
    public Response remove(@PathParam("auctionId") String auctionId) {
        watchlist.remove(Caller.of(jwt).id(), parse(auctionId));
        return Response.noContent().build();
    }

    private static UUID parse(String id) {
        return Auction.NOT_FOUND.id(id);
    }
}
