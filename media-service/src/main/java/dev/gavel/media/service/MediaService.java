package dev.gavel.media.service;

import dev.gavel.common.Hashing;
import dev.gavel.common.error.DomainException;
import dev.gavel.media.Media;
import dev.gavel.media.config.MediaConfig;
import dev.gavel.media.repository.MediaRepository;
import dev.gavel.media.api.MediaDtos.Content;
import dev.gavel.media.api.MediaDtos.MediaView;
import dev.gavel.media.storage.MediaStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Accepting, serving and deleting images. */
@ApplicationScoped
@Transactional
public class MediaService {

    private final MediaRepository media;
    private final MediaStorage storage;
    private final MediaConfig config;
    private final Clock clock;

    public MediaService(MediaRepository media, MediaStorage storage, MediaConfig config, Clock clock) {
        this.clock = clock;
        this.media = media;
        this.storage = storage;
        this.config = config;
    }

    public MediaView upload(Path file, UUID owner) {
        try {
            if (Files.size(file) > config.maxBytes()) {
                throw DomainException.tooLarge("FILE_TOO_LARGE",
                        "An image may be at most " + config.maxBytes() + " bytes.");
            }
            ImageProcessor.Processed image = ImageProcessor.process(file, config.maxPixels(), config.thumbnailSize());
            Media row = new Media();
            row.id = UUID.randomUUID();
            row.ownerId = owner;
            row.contentType = image.format().contentType;
            row.width = image.width();
            row.height = image.height();
            row.size = image.image().length;
            row.sha256 = Hashing.sha256(image.image());
            row.thumbnailSha256 = Hashing.sha256(image.thumbnail());
            row.thumbnailSize = image.thumbnail().length;
            row.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            storage.put(row.sha256, image.image());
            storage.put(row.thumbnailSha256, image.thumbnail());
            media.persist(row);
            return MediaView.of(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Content image(UUID id, boolean thumbnail) {
        Media row = find(id);
        String sha = thumbnail ? row.thumbnailSha256 : row.sha256;
        try {
            byte[] bytes = storage.get(sha).orElseThrow(() ->
                    Media.NOT_FOUND.exception());
            return new Content(bytes, row.contentType, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public dev.gavel.media.api.MediaDtos.MediaInfo info(UUID id) {
        return dev.gavel.media.api.MediaDtos.MediaInfo.of(find(id));
    }

    /** Only the owner deletes; to anyone else the media does not exist. */
    public void delete(UUID id, UUID caller) {
        Media row = find(id);
        if (!row.ownerId.equals(caller)) {
            throw Media.NOT_FOUND.exception();
        }
        media.delete(row);
        media.flush();
        try {
            for (String sha : new String[] {row.sha256, row.thumbnailSha256}) {
                if (!media.referenced(sha)) {
                    storage.delete(sha);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Media find(UUID id) {
        return media.findByIdOptional(id).orElseThrow(Media.NOT_FOUND::exception);
    }

}
