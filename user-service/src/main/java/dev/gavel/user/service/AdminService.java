package dev.gavel.user.service;

import dev.gavel.common.Page;
import dev.gavel.common.error.DomainException;
import dev.gavel.events.UserReinstated;
import dev.gavel.events.UserSessionsRevoked;
import dev.gavel.events.UserSuspended;
import dev.gavel.outbox.Outbox;
import dev.gavel.user.AuditEntry;
import dev.gavel.user.User;
import dev.gavel.user.api.UserDtos.AdminUserView;
import dev.gavel.user.api.UserDtos.AuditView;
import dev.gavel.user.repository.AuditRepository;
import dev.gavel.user.repository.UserRepository;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What administrators do to accounts (CONTRACT §2b): list and search them, suspend and reinstate them. A suspension
 * ends every session at once ({@code user-sessions-revoked}) and tells the platform ({@code user-suspended}); every
 * action is appended to the audit log in the same transaction.
 */
@ApplicationScoped
@Transactional
public class AdminService {

    private final UserRepository users;
    private final AuditRepository audit;
    private final TokenService tokens;
    private final Outbox outbox;
    private final Clock clock;

    public AdminService(UserRepository users, AuditRepository audit, TokenService tokens, Outbox outbox, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AdminUserView> list(String q, User.Status status, int page, int size) {
        PanacheQuery<User> query = users.search(q, status);
        return Page.of(query.page(page, size).list().stream().map(AdminUserView::of).toList(), page, size,
                query.count());
    }

    /** Suspends the account; suspending a suspended account changes nothing. */
    public void suspend(UUID adminId, UUID userId, String reason) {
        if (adminId.equals(userId)) {
            throw DomainException.conflict("CANNOT_SUSPEND_SELF", "Administrators cannot suspend themselves.");
        }
        User user = users.lock(userId).orElseThrow(User.NOT_FOUND::exception);
        if (user.status == User.Status.SUSPENDED) {
            return;
        }
        Instant now = now();
        user.status = User.Status.SUSPENDED;
        user.suspendedAt = now;
        user.suspensionReason = reason;
        tokens.revokeAll(userId, UserSessionsRevoked.SUSPENDED);
        outbox.publish(new UserSuspended(UUID.randomUUID(), userId, reason, now));
        record(adminId, userId, AuditEntry.SUSPENDED, reason, now);
    }

    /** Lifts the suspension; reinstating an active account changes nothing. */
    public void reinstate(UUID adminId, UUID userId) {
        User user = users.lock(userId).orElseThrow(User.NOT_FOUND::exception);
        if (user.status == User.Status.ACTIVE) {
            return;
        }
        Instant now = now();
        user.status = User.Status.ACTIVE;
        user.suspendedAt = null;
        user.suspensionReason = null;
        outbox.publish(new UserReinstated(UUID.randomUUID(), userId, null, now));
        record(adminId, userId, AuditEntry.REINSTATED, null, now);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditView> audit(UUID userId, int page, int size) {
        users.findByIdOptional(userId).orElseThrow(User.NOT_FOUND::exception);
        return Page.of(audit.of(userId, page, size).stream().map(AuditView::of).toList(), page, size,
                audit.countOf(userId));
    }

    private void record(UUID adminId, UUID userId, String action, String reason, Instant at) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.adminId = adminId;
        entry.userId = userId;
        entry.action = action;
        entry.reason = reason;
        entry.at = at;
        audit.persist(entry);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
