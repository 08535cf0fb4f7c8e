package dev.gavel.auction.rest;

import dev.gavel.auction.api.Viewer;
import dev.gavel.auction.Auction;
import dev.gavel.auction.api.AuctionDtos;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.auction.api.AuctionDtos.AuctionView;
import dev.gavel.auction.api.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.service.AuctionEditor;
import dev.gavel.auction.service.AuctionViews;
import dev.gavel.auction.service.CatalogSearch;
import dev.gavel.common.Page;
import dev.gavel.common.http.ClientAddresses;
import dev.gavel.common.security.Caller;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.UUID;

@Path("/api/auctions")
@Produces(MediaType.APPLICATION_JSON)
public class AuctionResource {

    private final AuctionEditor editor;
    private final AuctionViews views;
    private final CatalogSearch search;
    private final JsonWebToken jwt;
    private final ClientAddresses addresses;

    public AuctionResource(AuctionEditor editor, AuctionViews views, CatalogSearch search, JsonWebToken jwt,
            ClientAddresses addresses) {
        this.addresses = addresses;
        this.editor = editor;
        this.views = views;
        this.search = search;
        this.jwt = jwt;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateAuctionRequest body, @Context HttpServerRequest request) {
        // the seller's client address, hashed, for the engine's shill-bidding signals (never stored here)
        AuctionView created = editor.create(body, Caller.of(jwt).requireVerifiedEmail().id(), addresses.hashOf(request));
        return Response.created(URI.create("/api/auctions/" + created.id())).entity(created).build();
    }

    @GET
    public AuctionDtos.CatalogPage search(@QueryParam("q") String q, @QueryParam("category") String category,
            @QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice,
            @QueryParam("sellerId") String sellerId, @QueryParam("endingBefore") String endingBefore,
            @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return search.search(new CatalogSearch.Params(q, category, status, type, minPrice, maxPrice, sellerId,
                endingBefore, sort, page, size), viewer());
    }

    @GET
    @Path("/mine")
    @Authenticated
    public AuctionDtos.CatalogPage mine(@QueryParam("state") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return search.mine(Caller.of(jwt).id(), state, page, size);
    }

    @GET
    @Path("/{id}")
    public AuctionView get(@PathParam("id") String id) {
        return views.get(parse(id), viewer());
    }

    /** A JSON merge patch (RFC 7396) of the fields to change. */
    @PATCH
    @Path("/{id}")
    @Authenticated
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public AuctionView patch(@PathParam("id") String id, @NotNull JsonNode body) {
        return editor.patch(parse(id), body, Caller.of(jwt).id());
    }

    /** Cancels the auction (seller while there are no bids, ADMIN always). */
    @DELETE
    @Path("/{id}")
    @Authenticated
    public Response cancel(@PathParam("id") String id, @QueryParam("reason") @Size(max = 200) String reason) {
        editor.cancel(parse(id), Caller.of(jwt).id(), jwt.getGroups().contains("ADMIN"), reason);
        return Response.noContent().build();
    }

    private Viewer viewer() {
        UUID id = Caller.idOrNull(jwt);
        return id == null ? Viewer.ANONYMOUS : new Viewer(id, jwt.getGroups().contains("ADMIN"));
    }

    private static UUID parse(String id) {
        return Auction.NOT_FOUND.id(id);
    }
}
