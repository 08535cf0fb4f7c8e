package dev.gavel.user.rest;

import dev.gavel.user.User;
import dev.gavel.user.api.UserDtos.EmailCheck;
import dev.gavel.user.api.UserDtos.Profile;
import dev.gavel.user.api.UserDtos.ProfileUpdate;
import dev.gavel.user.api.UserDtos.PublicProfile;
import dev.gavel.common.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import dev.gavel.user.service.AccountService;
import io.quarkus.security.Authenticated;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final AccountService accounts;
    private final JsonWebToken jwt;

    public UserResource(AccountService accounts, JsonWebToken jwt) {
        this.accounts = accounts;
        this.jwt = jwt;
    }

    @GET
    @Path("/me")
    @Authenticated
    public Profile me() {
        return accounts.profile(Caller.of(jwt).id());
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Profile updateMe(@Valid @NotNull ProfileUpdate body) {
        return accounts.update(Caller.of(jwt).id(), body);
    }

    @GET
    @Path("/check-email")
    public EmailCheck checkEmail(@QueryParam("email") @NotBlank @Size(max = 254) String email,
            @Context HttpServerRequest request) {
        return new EmailCheck(accounts.emailExists(email, ClientAddress.of(request)));
    }

    @GET
    @Path("/{id}")
    public PublicProfile publicProfile(@PathParam("id") String id) {
        return PublicProfile.of(accounts.find(parse(id)));
    }

    private static UUID parse(String id) {
        return User.NOT_FOUND.id(id);
    }
}
