package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's TOTP authenticator: pending until a first code confirms it, then two-factor sign-in is on. */
@Entity
@Table(name = "mfa_totp")
public class MfaTotp {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    /** The shared secret, AES-GCM encrypted (see {@code SecretBox}). */
    @Column(name = "secret_encrypted", nullable = false)
    public String secretEncrypted;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_step", nullable = false)
    public long lastUsedStep;
}
