package dev.gavel.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One admin action on an account; the log is only ever appended to. */
@Entity
@Table(name = "admin_audit")
public class AuditEntry {

    public static final String SUSPENDED = "SUSPENDED";
    public static final String REINSTATED = "REINSTATED";

    @Id
    public UUID id;

    @Column(name = "admin_id", nullable = false)
    public UUID adminId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String action;

    public String reason;

    @Column(nullable = false)
    public Instant at;
}
