package dev.gavel.auction.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.UUID;

/**
 * media-service's answer to "is this media the caller's?" ({@code GET /api/media/{id}/info}, owner only). The seller's
 * {@code Authorization} header is forwarded ({@code org.eclipse.microprofile.rest.client.propagateHeaders}).
 */
@RegisterRestClient(configKey = "media")
@RegisterClientHeaders
@Path("/api/media")
public interface MediaClient {

    record MediaInfo(UUID id, UUID ownerId, String contentType, int width, int height, long size, Instant createdAt) {
    }

    @GET
    @Path("/{id}/info")
    Uni<MediaInfo> info(@PathParam("id") UUID id);
}
