package dev.gavel.gateway.service;

import dev.gavel.common.Page;
import dev.gavel.gateway.Notification;
import dev.gavel.gateway.config.GatewayConfig;
import dev.gavel.gateway.repository.NotificationRepository;
import dev.gavel.gateway.repository.PreferenceRepository;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A user's inbox and mail preferences: only ever their own (someone else's notification is not found). */
@ApplicationScoped
@Transactional
public class NotificationCenter {

    /** A stored notification as its owner sees it (CONTRACT §6b). */
    public record View(UUID id, String type, UUID auctionId, UUID orderId, String title, String body,
            Instant createdAt, Instant readAt) {

        static View of(Notification n) {
            return new View(n.id, n.type, n.auctionId, n.orderId, n.title, n.body, n.createdAt, n.readAt);
        }
    }

    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;
    private final GatewayConfig config;
    private final Clock clock;

    public NotificationCenter(NotificationRepository notifications, PreferenceRepository preferences,
            GatewayConfig config, Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Page<View> page(UUID userId, Boolean unread, int page, int size) {
        PanacheQuery<Notification> query = notifications.of(userId, unread);
        return Page.of(query.page(page, size).list().stream().map(View::of).toList(), page, size, query.count());
    }

    @Transactional
    public long unread(UUID userId) {
        return notifications.unread(userId);
    }

    /** Marks it read (again: nothing changes). */
    public void read(UUID userId, UUID id) {
        Notification n = notifications.ofUser(userId, id).orElseThrow(Notification.NOT_FOUND::exception);
        if (n.readAt == null) {
            n.readAt = now();
        }
    }

    public void readAll(UUID userId) {
        notifications.markAllRead(userId, now());
    }

    @Transactional
    public MailPreferences preferences(UUID userId) {
        return preferences.of(userId);
    }

    public MailPreferences setPreferences(UUID userId, MailPreferences chosen) {
        preferences.save(userId, chosen);
        return chosen;
    }

    /** One-click unsubscribe: that one kind off. */
    public void unsubscribe(UUID userId, String kind) {
        preferences.save(userId, preferences.of(userId).without(kind));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireOnSchedule() {
        expire();
    }

    /** Deletes notifications past their retention (default 90 days); how many. */
    public long expire() {
        return notifications.delete("createdAt < ?1", clock.instant().minus(config.notificationRetention()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
