package dev.gavel.media;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An uploaded image (re-encoded) and its thumbnail; the bytes live in storage under their SHA-256. */
@Entity
@Table(name = "media")
public class Media {

    /** How this entity is not found (one place for its code and message). */
    public static final NotFound NOT_FOUND = NotFound.of("media");


    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public long size;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "thumbnail_sha256", nullable = false)
    public String thumbnailSha256;

    @Column(name = "thumbnail_size", nullable = false)
    public long thumbnailSize;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
