package dev.gavel.gateway.service;

import dev.gavel.common.error.Failures;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Personal frames for the users connected to this replica: the same notifications the inbox stores (same ids, same
 * text, titled), pushed at once. The title lookup runs off the event loop on a worker, against a short-lived cache
 * of the local auction table, so the live relay never waits for the database.
 */
@ApplicationScoped
public class LiveNotifications {

    private static final Duration TITLE_TTL = Duration.ofMinutes(1);
    private static final int MAX_TITLES = 50_000;

    private record Title(String value, Instant until) {
    }

    private final PersonalFeeds personal;
    private final Inbox inbox;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Map<UUID, Title> titles = new ConcurrentHashMap<>();

    public LiveNotifications(PersonalFeeds personal, Inbox inbox, ManagedExecutor executor, Clock clock) {
        this.personal = personal;
        this.inbox = inbox;
        this.executor = executor;
        this.clock = clock;
    }

    public void of(BidPlaced event) {
        if (event.previousLeaderId() != null && !event.previousLeaderId().equals(event.leaderId())
                && personal.connected(event.previousLeaderId())) {
            push(event.auctionId(), event.title(), title -> NotificationRules.of(event, title));
        }
    }

    public void of(AuctionClosed event) {
        if (personal.connected(event.sellerId()) || (event.winnerId() != null && personal.connected(event.winnerId()))) {
            push(event.auctionId(), event.title(), title -> NotificationRules.of(event, title));
        }
    }

    /** Pushes a notification made elsewhere (a reminder) to the user's feeds on this replica. */
    public void push(NotificationRules.Planned p) {
        personal.notify(p.userId(), Frames.Notification.of(p));
    }

    /** The event's own title when it has one, else the local table's (events from before titles travelled). */
    private void push(UUID auctionId, String title, Function<String, List<NotificationRules.Planned>> plan) {
        executor.execute(() -> {
            for (NotificationRules.Planned p : plan.apply(title != null ? title : title(auctionId))) {
                personal.notify(p.userId(), Frames.Notification.of(p));
            }
        });
    }

    private String title(UUID auctionId) {
        Instant now = clock.instant();
        Title cached = titles.get(auctionId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.value();
        }
        String title;
        try {
            title = inbox.title(auctionId);
        } catch (RuntimeException e) {
            if (!Failures.isTransient(e)) {
                throw e;
            }
            return null; // the database is away: the frame goes out untitled rather than not at all
        }
        if (titles.size() > MAX_TITLES) {
            titles.clear();
        }
        if (title != null) {
            titles.put(auctionId, new Title(title, now.plus(TITLE_TTL)));
        }
        return title;
    }
}
