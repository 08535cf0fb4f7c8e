package dev.gavel.user;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A Gavel account: an individual or a company. */
@Entity
@Table(name = "app_user")
public class User {

    /** How this entity is not found (one place for its code and message). */
    public static final NotFound NOT_FOUND = NotFound.of("user");


    public enum AccountType { INDIVIDUAL, COMPANY }

    public enum Status { ACTIVE, SUSPENDED }

    public static final String ROLE_USER = "USER";
    public static final String ROLE_ADMIN = "ADMIN";

    @Id
    public UUID id;

    /** Normalised: trimmed and lower case. */
    @Column(nullable = false)
    public String email;

    /** bcrypt; null for an account made by external sign-in until its owner sets a password by reset. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "account_type", nullable = false)
    public AccountType accountType;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    public String phone;

    @Column(name = "company_legal_name")
    public String companyLegalName;

    @Column(name = "company_trade_name")
    public String companyTradeName;

    @Column(name = "company_tax_id")
    public String companyTaxId;

    @Column(name = "anonymous_bidding", nullable = false)
    public boolean anonymousBidding;

    /** Whether the owner proved they receive mail at {@link #email} (CONTRACT §2b). */
    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;

    @Column(name = "suspended_at")
    public Instant suspendedAt;

    @Column(name = "suspension_reason")
    public String suspensionReason;

    /** Comma-separated roles. */
    @Column(nullable = false)
    public String roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Set<String> roleSet() {
        return new LinkedHashSet<>(Arrays.asList(roles.split(",")));
    }

    public boolean hasRole(String role) {
        return roleSet().contains(role);
    }

    public void grant(String role) {
        if (!hasRole(role)) {
            roles = roles + "," + role;
        }
    }
}
