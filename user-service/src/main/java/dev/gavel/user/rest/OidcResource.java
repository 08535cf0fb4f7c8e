package dev.gavel.user.rest;

import dev.gavel.user.service.ExternalSignIn;
import dev.gavel.user.service.IdTokenVerifier;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** External sign-in with OpenID Connect providers (CONTRACT §2b). */
@Path("/api/auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
public class OidcResource {

    public record IdTokenRequest(@NotBlank @Size(max = 8192) String idToken, @Size(max = 200) String nonce) {
    }

    private final ExternalSignIn signIn;
    private final IdTokenVerifier verifier;

    public OidcResource(ExternalSignIn signIn, IdTokenVerifier verifier) {
        this.signIn = signIn;
        this.verifier = verifier;
    }

    @GET
    @Path("/providers")
    public List<IdTokenVerifier.Provider> providers() {
        return verifier.providers();
    }

    /** The token pair, or {@code {mfaRequired, mfaToken, methods}} when two-factor sign-in is on. */
    @POST
    @Path("/{provider}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@PathParam("provider") @Size(max = 40) String provider,
            @Valid @NotNull IdTokenRequest body) {
        return Response.ok(signIn.signIn(provider, body.idToken(), body.nonce())).build();
    }
}
