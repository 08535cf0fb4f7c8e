package dev.gavel.media.rest;

import dev.gavel.media.Media;
import dev.gavel.media.api.MediaDtos;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.media.api.MediaDtos.Content;
import dev.gavel.media.api.MediaDtos.MediaView;
import dev.gavel.media.service.MediaService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;
import java.util.UUID;

@Path("/api/media")
public class MediaResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final MediaService media;
    private final JsonWebToken jwt;

    public MediaResource(MediaService media, JsonWebToken jwt) {
        this.media = media;
        this.jwt = jwt;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw DomainException.invalid("file", "a multipart field named file with the image is required");
        }
        MediaView created = media.upload(file.uploadedFile(), Caller.of(jwt).id());
        return Response.created(URI.create(created.url())).entity(created).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    public Response image(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(media.image(parse(id), false), ifNoneMatch);
    }

    @GET
    @Path("/{id}/thumbnail")
    public Response thumbnail(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(media.image(parse(id), true), ifNoneMatch);
    }

    /**
     * For auction-service, on the seller's behalf (it forwards the seller's token): is this media the caller's? Owner
     * ids are not public: without a token it is 401, and someone else's media is 404.
     */
    @GET
    @Path("/{id}/info")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public MediaDtos.MediaInfo info(@PathParam("id") String id) {
        return media.info(parse(id), Caller.of(jwt).id());
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    public Response delete(@PathParam("id") String id) {
        media.delete(parse(id), Caller.of(jwt).id());
        return Response.noContent().build();
    }

    private static Response serve(Content content, String ifNoneMatch) {
        String etag = "\"" + content.sha256() + "\"";
        Response.ResponseBuilder builder = ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))
                ? Response.notModified()
                : Response.ok(content.bytes(), content.contentType());
        return builder.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static UUID parse(String id) {
        return Media.NOT_FOUND.id(id);
    }
}
