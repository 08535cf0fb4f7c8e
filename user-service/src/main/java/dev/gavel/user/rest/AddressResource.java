package dev.gavel.user.rest;

import dev.gavel.common.security.Caller;
import dev.gavel.user.Address;
import dev.gavel.user.api.AddressDtos.AddressChange;
import dev.gavel.user.api.AddressDtos.AddressView;
import dev.gavel.user.api.AddressDtos.NewAddress;
import dev.gavel.user.service.AddressBook;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.net.URI;
import java.util.List;

/** The signed-in user's own addresses; another user's address is 404. */
@Path("/api/users/me/addresses")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AddressResource {

    private final AddressBook book;
    private final JsonWebToken jwt;

    public AddressResource(AddressBook book, JsonWebToken jwt) {
        this.book = book;
        this.jwt = jwt;
    }

    @GET
    public List<AddressView> list() {
        return book.list(Caller.of(jwt).id());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull NewAddress body) {
        AddressView created = book.add(Caller.of(jwt).id(), body);
        return Response.created(URI.create("/api/users/me/addresses/" + created.id())).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public AddressView change(@PathParam("id") String id, @Valid @NotNull AddressChange body) {
        return book.change(Caller.of(jwt).id(), Address.NOT_FOUND.id(id), body);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void remove(@PathParam("id") String id) {
        book.remove(Caller.of(jwt).id(), Address.NOT_FOUND.id(id));
    }
}
