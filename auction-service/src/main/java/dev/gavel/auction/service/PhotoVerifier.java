package dev.gavel.auction.service;

import dev.gavel.auction.client.MediaClient;
import dev.gavel.auction.client.MediaClient.MediaInfo;
import dev.gavel.common.problem.FieldError;
import dev.gavel.common.error.DomainException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Photos are media the caller uploaded: each new media id is looked up at media-service (all at once) and must exist
 * and belong to the caller. Somebody else's media is reported exactly like a missing one.
 */
@ApplicationScoped
public class PhotoVerifier {

    private static final Logger LOG = Logger.getLogger(PhotoVerifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MediaClient media;

    public PhotoVerifier(@RestClient MediaClient media) {
        this.media = media;
    }

    /**
     * @param photos   the media ids in request order
     * @param toVerify the indexes to check (those not already on the auction)
     */
    public List<FieldError> verify(List<UUID> photos, List<Integer> toVerify, UUID caller) {
        if (toVerify.isEmpty()) {
            return List.of();
        }
        List<Uni<Optional<MediaInfo>>> lookups = new ArrayList<>();
        for (int index : toVerify) {
            lookups.add(media.info(photos.get(index))
                    .map(Optional::of)
                    .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                    .recoverWithItem(Optional.empty()));
        }
        List<Optional<MediaInfo>> found;
        try {
            found = Uni.join().all(lookups).andFailFast().await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("media-service could not confirm photos: %s", e.toString());
            throw DomainException.unavailable("MEDIA_UNAVAILABLE",
                    "The photos cannot be checked right now; try again shortly.", java.time.Duration.ofSeconds(5));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < toVerify.size(); i++) {
            Optional<MediaInfo> info = found.get(i);
            if (info.isEmpty() || !caller.equals(info.get().ownerId())) {
                errors.add(new FieldError("photos[" + toVerify.get(i) + "].mediaId",
                        "is not an image you uploaded"));
            }
        }
        return errors;
    }
}
