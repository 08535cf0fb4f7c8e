package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;

/** The pending second step of a sign-in ({@code mfaToken}), known only by its hash; dies after too many wrong codes. */
@Entity
@Table(name = "mfa_challenge")
public class MfaChallenge extends SingleUseToken {

    @Column(nullable = false)
    public int failures;

    @Column(name = "email_code_hash")
    public String emailCodeHash;

    @Column(name = "email_code_expires_at")
    public Instant emailCodeExpiresAt;
}
