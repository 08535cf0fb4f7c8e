package dev.gavel.user.rest;

import dev.gavel.common.security.Caller;
import dev.gavel.user.api.UserDtos.LoginRequest;
import dev.gavel.user.api.UserDtos.PasswordChangeRequest;
import dev.gavel.user.api.UserDtos.PasswordResetConfirmation;
import dev.gavel.user.api.UserDtos.PasswordResetRequest;
import dev.gavel.user.api.UserDtos.RefreshRequest;
import dev.gavel.user.api.UserDtos.RegisterRequest;
import dev.gavel.user.api.UserDtos.TokenResponse;
import dev.gavel.user.api.UserDtos.VerifyEmailRequest;
import dev.gavel.user.service.AccountService;
import dev.gavel.user.service.EmailVerificationService;
import dev.gavel.user.service.LoginService;
import dev.gavel.user.service.PasswordResetService;
import dev.gavel.user.service.TokenService;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final LoginService logins;
    private final TokenService tokens;
    private final PasswordResetService resets;
    private final EmailVerificationService verifications;
    private final JsonWebToken jwt;

    public AuthResource(AccountService accounts, LoginService logins, TokenService tokens, PasswordResetService resets,
            EmailVerificationService verifications, JsonWebToken jwt) {
        this.verifications = verifications;
        this.accounts = accounts;
        this.logins = logins;
        this.tokens = tokens;
        this.resets = resets;
        this.jwt = jwt;
    }

    @POST
    @Path("/register")
    @ResponseStatus(201)
    public TokenResponse register(@Valid @NotNull RegisterRequest body, @Context HttpServerRequest request) {
        return accounts.register(body, ClientAddress.of(request));
    }

    @POST
    @Path("/login")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "the token pair, or with two-factor sign-in on {mfaRequired: true, mfaToken, methods}")
    public jakarta.ws.rs.core.Response login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        return jakarta.ws.rs.core.Response.ok(logins.login(body, ClientAddress.of(request))).build();
    }

    @POST
    @Path("/refresh")
    public TokenResponse refresh(@Valid RefreshRequest body, @CookieParam(RefreshCookie.NAME) String cookie) {
        return AccountService.respond(tokens.refresh(presented(body, cookie)));
    }

    @POST
    @Path("/logout")
    public jakarta.ws.rs.core.Response logout(@Valid RefreshRequest body,
            @CookieParam(RefreshCookie.NAME) String cookie) {
        String presented = presented(body, cookie);
        if (!presented.isEmpty()) {
            tokens.logout(presented);
        }
        jakarta.ws.rs.core.Response.ResponseBuilder answer = jakarta.ws.rs.core.Response.noContent();
        return (cookie == null ? answer : answer.header("Set-Cookie", RefreshCookie.cleared())).build();
    }

    /** The refresh token from the body, else from the browser's cookie ("" when neither has one). */
    private static String presented(RefreshRequest body, String cookie) {
        if (body != null && body.refreshToken() != null && !body.refreshToken().isBlank()) {
            return body.refreshToken();
        }
        return cookie == null || cookie.length() > 200 ? "" : cookie;
    }

    @POST
    @Path("/password")
    @Authenticated
    @ResponseStatus(204)
    public void changePassword(@Valid @NotNull PasswordChangeRequest body) {
        accounts.changePassword(Caller.of(jwt).id(), body);
    }

    @POST
    @Path("/verify-email")
    @ResponseStatus(204)
    public void verifyEmail(@Valid @NotNull VerifyEmailRequest body) {
        verifications.verify(body.token());
    }

    @POST
    @Path("/verify-email/resend")
    @Consumes(MediaType.WILDCARD) // no body
    @Authenticated
    @ResponseStatus(202)
    public void resendVerification(@Context HttpServerRequest request) {
        verifications.resend(Caller.of(jwt).id(), ClientAddress.of(request));
    }

    @POST
    @Path("/password-reset")
    @ResponseStatus(202)
    public void requestReset(@Valid @NotNull PasswordResetRequest body, @Context HttpServerRequest request) {
        resets.request(body.email(), ClientAddress.of(request));
    }

    @POST
    @Path("/password-reset/confirm")
    @ResponseStatus(204)
    public void confirmReset(@Valid @NotNull PasswordResetConfirmation body) {
        resets.confirm(body.token(), body.newPassword());
    }
}
