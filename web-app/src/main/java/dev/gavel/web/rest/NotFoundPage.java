package dev.gavel.web.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What nobody serves: web-app is the gateway's fallback (everything no service claims comes here), so an unknown API
 * path gets the API's problem+json 404, and anything else a page saying there is no such page.
 */
public class NotFoundPage {

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance notFound();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        String path = uri.getPath();
        if (path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/.well-known/")) {
            return Response.status(404).type("application/problem+json")
                    .entity("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                            + "\"detail\":\"No Gavel service serves this path.\"}").build();
        }
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.notFound().render()).header("Content-Security-Policy", SecurityHeaders.POLICY).build();
    }
}
