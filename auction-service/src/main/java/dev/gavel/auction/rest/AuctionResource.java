package dev.gavel.auction.rest;

import dev.gavel.auction.rest.AuctionDtos.AuctionView;
import dev.gavel.auction.rest.AuctionDtos.CreateAuctionRequest;
import dev.gavel.auction.service.AuctionService;
import dev.gavel.common.Ids;
import dev.gavel.common.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URI;
import java.util.UUID;

@Path("/api/auctions")
@Produces(MediaType.APPLICATION_JSON)
public class AuctionResource {

    private final AuctionService auctions;
    private final JsonWebToken jwt;

    public AuctionResource(AuctionService auctions, JsonWebToken jwt) {
        this.auctions = auctions;
        this.jwt = jwt;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateAuctionRequest body) {
        AuctionView created = auctions.create(body, Caller.of(jwt).id());
        return Response.created(URI.create("/api/auctions/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public AuctionView get(@PathParam("id") String id) {
        return auctions.get(parse(id), viewer());
    }

    private UUID viewer() {
        return Caller.idOrNull(jwt);
    }

    private static UUID parse(String id) {
        return Ids.parseOrNotFound(id, "AUCTION_NOT_FOUND", "No such auction.");
    }
}
