package dev.gavel.media.repository;

import dev.gavel.media.Media;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, UUID> {

    /** Whether any media still uses these bytes (as image or thumbnail). */
    public boolean referenced(String sha256) {
        return count("sha256 = ?1 or thumbnailSha256 = ?1", sha256) > 0;
    }
}
