package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** An account at an OpenID Connect provider ({@code iss} configured as {@code provider}, {@code sub}) linked to a user. */
@Entity
@Table(name = "external_identity")
public class ExternalIdentity {

    @Embeddable
    public record Key(@Column(name = "provider") String provider, @Column(name = "subject") String subject)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    public String email;

    @Column(name = "linked_at", nullable = false)
    public Instant linkedAt;
}
