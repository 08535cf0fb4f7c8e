CREATE TABLE media (
    id                UUID PRIMARY KEY,
    owner_id          UUID         NOT NULL,
    content_type      VARCHAR(20)  NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    width             INTEGER      NOT NULL CHECK (width > 0),
    height            INTEGER      NOT NULL CHECK (height > 0),
    size              BIGINT       NOT NULL CHECK (size > 0),
    sha256            VARCHAR(64)  NOT NULL,
    thumbnail_sha256  VARCHAR(64)  NOT NULL,
    thumbnail_size    BIGINT       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX media_owner_idx ON media (owner_id);
CREATE INDEX media_sha_idx ON media (sha256);
CREATE INDEX media_thumb_sha_idx ON media (thumbnail_sha256);
