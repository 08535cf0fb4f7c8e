package dev.gavel.user.rest;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.service.EmailVerificationService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /verify-email}, the page the verification mail links to (until the web-app serves its own): it shows a
 * button, and the button's form post verifies. A link scanner that fetches the link verifies nothing; no script runs.
 */
@Path("/verify-email")
@Produces(MediaType.TEXT_HTML)
public class VerifyEmailPage {

    /** Nothing but the page's own inline style, and forms only to this origin. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ask(String token);

        static native TemplateInstance done(boolean verified);
    }

    private final EmailVerificationService verifications;

    public VerifyEmailPage(EmailVerificationService verifications) {
        this.verifications = verifications;
    }

    @GET
    public Response ask(@QueryParam("token") String token) {
        return page(200, Templates.ask(token == null ? "" : token.length() > 200 ? "" : token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam("token") String token) {
        try {
            if (token == null || token.isBlank() || token.length() > 200) {
                return page(400, Templates.done(false));
            }
            verifications.verify(token);
            return page(200, Templates.done(true));
        } catch (DomainException invalid) {
            return page(400, Templates.done(false));
        }
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type("text/html; charset=utf-8")
                .header("Content-Security-Policy", POLICY).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer").build();
    }
}
