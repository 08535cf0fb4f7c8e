package dev.gavel.user;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A postal address of a user; one of them is the principal one (orders ship there). */
@Entity
@Table(name = "address")
public class Address {

    public static final NotFound NOT_FOUND = NotFound.of("address");
    /** Addresses one user may keep. */
    public static final int MAX_PER_USER = 10;

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String label;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    @Column(nullable = false)
    public String line1;

    public String line2;

    @Column(nullable = false)
    public String city;

    @Column(name = "postal_code", nullable = false)
    public String postalCode;

    public String region;

    /** ISO 3166-1 alpha-2, upper case. */
    @Column(nullable = false)
    public String country;

    public String phone;

    @Column(nullable = false)
    public boolean principal;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
