package dev.gavel.media.api;

import dev.gavel.media.Media;

import java.util.UUID;

public final class MediaDtos {

    private MediaDtos() {
    }

    public record MediaView(UUID id, String url, String thumbnailUrl, String contentType, int width, int height,
            long size, String sha256) {

        public static MediaView of(Media media) {
            String url = "/api/media/" + media.id;
            return new MediaView(media.id, url, url + "/thumbnail", media.contentType, media.width, media.height,
                    media.size, media.sha256);
        }
    }

    /** What another service may ask about a media id: that it exists, and whose it is. */
    public record MediaInfo(UUID id, UUID ownerId, String contentType, int width, int height, long size,
            java.time.Instant createdAt) {

        public static MediaInfo of(Media media) {
            return new MediaInfo(media.id, media.ownerId, media.contentType, media.width, media.height, media.size,
                    media.createdAt);
        }
    }

    /** Bytes to serve with their validator. */
    public record Content(byte[] bytes, String contentType, String sha256) {
    }
}
