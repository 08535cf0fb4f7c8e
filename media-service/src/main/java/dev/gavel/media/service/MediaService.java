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
import io.quarkus.narayana.jta.QuarkusTransaction;
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
    private final DecodeGate gate;

    public MediaService(MediaRepository media, MediaStorage storage, MediaConfig config, Clock clock, DecodeGate gate) {
        this.clock = clock;
        this.gate = gate;
        this.media = media;
        this.storage = storage;
        this.config = config;
    }

    /**
     * Checks and re-encodes the upload (outside any transaction: decoding is slow and holds no connection), stores the
     * bytes, then records the media in a transaction of its own.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public MediaView upload(Path file, UUID owner) {
        ImageProcessor.Processed image = processed(file);
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
        try {
            storage.put(row.sha256, image.image());
            storage.put(row.thumbnailSha256, image.thumbnail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QuarkusTransaction.requiringNew().run(() -> media.persist(row));
        return MediaView.of(row);
    }

    private ImageProcessor.Processed processed(Path file) {
        try {
            if (Files.size(file) > config.maxBytes()) {
                throw DomainException.tooLarge("FILE_TOO_LARGE",
                        "An image may be at most " + config.maxBytes() + " bytes.");
            }
            ImageProcessor.Limits limits = new ImageProcessor.Limits(config.maxPixels(), config.maxDecodedBytes(),
                    config.rasterBudget(), config.thumbnailSize());
            return gate.decode(() -> ImageProcessor.process(file, limits));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
    /** The owner's view of their media (auction-service asks on the seller's behalf); to anyone else it does not exist. */
    public dev.gavel.media.api.MediaDtos.MediaInfo info(UUID id, UUID caller) {
        Media row = find(id);
        if (!row.ownerId.equals(caller)) {
            throw Media.NOT_FOUND.exception();
        }
        return dev.gavel.media.api.MediaDtos.MediaInfo.of(row);
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
