package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.UUID;

/**
 * What every single-use secret sent to a user has (reset links, verification links, sign-in challenges): known only by
 * its SHA-256 hash, valid until {@code expiresAt}, spent at {@code usedAt}.
 */
@MappedSuperclass
public abstract class SingleUseToken {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    /** Whether it may still be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return usedAt == null && expiresAt.isAfter(now);
    }
}
