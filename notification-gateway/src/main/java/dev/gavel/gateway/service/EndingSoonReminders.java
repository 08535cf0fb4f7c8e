package dev.gavel.gateway.service;

import dev.gavel.gateway.repository.AudienceRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code auction-ending-soon} for watchers and bidders, an hour and ten minutes before the effective end (CONTRACT
 * §6b). The job looks at the ends it knows (moved by soft-close extensions), not at a timer: a reminder that fell due
 * while no replica ran goes out at the next run if the auction is still open, and one sent for an end is not sent for
 * it again, but is sent again for a new end. Replicas share the work with {@code SKIP LOCKED} on the auction's row.
 */
@ApplicationScoped
public class EndingSoonReminders {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final AudienceRepository audience;
    private final Inbox inbox;
    private final LiveNotifications live;
    private final Clock clock;

    public EndingSoonReminders(AudienceRepository audience, Inbox inbox, LiveNotifications live, Clock clock) {
        this.audience = audience;
        this.inbox = inbox;
        this.live = live;
        this.clock = clock;
    }

    @Scheduled(every = "${gavel.gateway.reminders-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void remindOnSchedule() {
        remind();
    }

    /** One round; how many reminders were made. */
    @Transactional
    public int remind() {
        Instant now = clock.instant();
        List<NotificationRules.Planned> made = new ArrayList<>();
        for (AudienceRepository.Due due : audience.due(now, HOUR, 500)) {
            Duration left = Duration.between(now, due.endsAt());
            String window;
            Instant hourFor = due.remindedHourFor();
            Instant minutesFor = due.remindedMinutesFor();
            if (left.compareTo(TEN_MINUTES) <= 0) {
                window = NotificationRules.TEN_MINUTES;
                minutesFor = due.endsAt();
                hourFor = due.endsAt(); // an hour's reminder that is too late now is not sent any more
            } else if (!due.endsAt().equals(hourFor)) {
                window = NotificationRules.AN_HOUR;
                hourFor = due.endsAt();
            } else {
                continue;
            }
            List<NotificationRules.Planned> planned = new ArrayList<>();
            for (UUID user : audience.audience(due.auctionId())) {
                if (!user.equals(due.sellerId())) {
                    planned.add(NotificationRules.endingSoon(due.auctionId(), due.title(), due.endsAt(), window, user));
                }
            }
            inbox.store(planned);
            audience.reminded(due.auctionId(), hourFor, minutesFor);
            made.addAll(planned);
        }
        made.forEach(live::push);
        return made.size();
    }
}
