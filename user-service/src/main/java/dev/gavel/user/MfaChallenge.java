package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The pending second step of a sign-in ({@code mfaToken}), known only by its hash. */
@Entity
@Table(name = "mfa_challenge")
public class MfaChallenge {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "token_hash", nullable = false)
    public String tokenHash;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public int failures;

    @Column(name = "email_code_hash")
    public String emailCodeHash;

    @Column(name = "email_code_expires_at")
    public Instant emailCodeExpiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
