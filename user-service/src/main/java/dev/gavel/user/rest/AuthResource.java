package dev.gavel.user.rest;

import dev.gavel.user.rest.UserDtos.LoginRequest;
import dev.gavel.user.rest.UserDtos.RegisterRequest;
import dev.gavel.user.rest.UserDtos.TokenResponse;
import dev.gavel.user.service.AccountService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;

    public AuthResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/register")
    @ResponseStatus(201)
    public TokenResponse register(@Valid @NotNull RegisterRequest body) {
        return accounts.register(body);
    }

    @POST
    @Path("/login")
    public TokenResponse login(@Valid @NotNull LoginRequest body) {
        return accounts.login(body);
    }
}
