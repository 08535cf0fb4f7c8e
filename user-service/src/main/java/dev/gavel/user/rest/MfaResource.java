package dev.gavel.user.rest;

import dev.gavel.common.security.Caller;
import dev.gavel.user.api.MfaDtos.CodeRequest;
import dev.gavel.user.api.MfaDtos.DisableRequest;
import dev.gavel.user.api.MfaDtos.EmailCodeRequest;
import dev.gavel.user.api.MfaDtos.RecoveryCodes;
import dev.gavel.user.api.MfaDtos.TotpEnrollment;
import dev.gavel.user.api.MfaDtos.VerifyRequest;
import dev.gavel.user.api.UserDtos.TokenResponse;
import dev.gavel.user.service.MfaService;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Two-factor sign-in (CONTRACT §2b): set-up and removal (signed in), and the second step of a sign-in. */
@Path("/api/auth/mfa")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MfaResource {

    private final MfaService mfa;
    private final JsonWebToken jwt;

    public MfaResource(MfaService mfa, JsonWebToken jwt) {
        this.mfa = mfa;
        this.jwt = jwt;
    }

    @POST
    @Path("/totp")
    @Consumes(MediaType.WILDCARD) // no body
    @Authenticated
    public TotpEnrollment enrol() {
        return mfa.enrol(Caller.of(jwt).id());
    }

    @POST
    @Path("/totp/confirm")
    @Authenticated
    public RecoveryCodes confirm(@Valid @NotNull CodeRequest body) {
        return mfa.confirm(Caller.of(jwt).id(), body.code());
    }

    @DELETE
    @Authenticated
    @ResponseStatus(204)
    public void disable(@Valid @NotNull DisableRequest body) {
        mfa.disable(Caller.of(jwt).id(), body.password(), body.code());
    }

    @POST
    @Path("/email")
    @ResponseStatus(202)
    public void emailCode(@Valid @NotNull EmailCodeRequest body, @Context HttpServerRequest request) {
        mfa.sendEmailCode(body.mfaToken(), ClientAddress.of(request));
    }

    @POST
    @Path("/verify")
    public TokenResponse verify(@Valid @NotNull VerifyRequest body) {
        return mfa.verify(body.mfaToken(), body.method(), body.code());
    }
}
