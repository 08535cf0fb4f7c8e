package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.OrderChanged;
import dev.gavel.events.WatchlistChanged;
import dev.gavel.gateway.Notification;
import dev.gavel.gateway.repository.AudienceRepository;
import dev.gavel.gateway.repository.KnowledgeRepository;
import dev.gavel.gateway.repository.MailJobRepository;
import dev.gavel.gateway.repository.NotificationRepository;
import dev.gavel.gateway.repository.PreferenceRepository;
import dev.gavel.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores the notifications of an event, once across replicas and redeliveries (ids derived from the event's, and
 * {@code processed_event} for all but {@code bid-placed}), and queues a mail for each one its recipient wants: a
 * verified address, the preference on, and for outbid at most one mail per auction per 15 minutes. The mail itself
 * goes out from {@link MailDelivery}.
 */
@ApplicationScoped
public class Inbox {

    static final String CONSUMER = "notification-gateway-inbox";
    static final Duration OUTBID_MAIL_GAP = Duration.ofMinutes(15);

    private final ProcessedEvents processed;
    private final NotificationRepository notifications;
    private final KnowledgeRepository knowledge;
    private final PreferenceRepository preferences;
    private final MailJobRepository mails;
    private final AudienceRepository audience;
    private final Clock clock;

    public Inbox(ProcessedEvents processed, NotificationRepository notifications, KnowledgeRepository knowledge,
            PreferenceRepository preferences, MailJobRepository mails, AudienceRepository audience, Clock clock) {
        this.audience = audience;
        this.processed = processed;
        this.notifications = notifications;
        this.knowledge = knowledge;
        this.preferences = preferences;
        this.mails = mails;
        this.clock = clock;
    }

    /** The title of the auction as the catalog last published it, if known. */
    @Transactional
    public String title(UUID auctionId) {
        return knowledge.auction(auctionId).map(KnowledgeRepository.AuctionInfo::title).orElse(null);
    }

    /** A bid: the outbid notification, the bidder joins the audience, the end may have moved. */
    @Transactional
    public void bidPlaced(BidPlaced e) {
        bidsPlaced(List.of(e));
    }

    /**
     * A poll of bids in one transaction (a storm of bids must not outrun the inbox), the same as applying
     * them one by one, with a statement per kind of write for the whole poll instead of several per event.
     * <p>
     * A redelivered bid changes nothing, without its id being recorded as processed (a row per bid, 2,000 a second
     * under a storm, kept 14 days): its notifications have ids made from the event's and are stored once (kept 90
     * days, past the topic's retention), and mailed only when stored now; the audience is a set; an end is taken
     * only from a newer sequence. An event twice in one poll is applied once.
     */
    @Transactional
    public void bidsPlaced(List<BidPlaced> events) {
        Map<UUID, BidPlaced> byEventId = new LinkedHashMap<>();
        events.forEach(e -> byEventId.putIfAbsent(e.eventId(), e));
        List<BidPlaced> applied = List.copyOf(byEventId.values());
        Set<Map.Entry<UUID, UUID>> bidders = new LinkedHashSet<>();
        Map<UUID, BidPlaced> latest = new LinkedHashMap<>();
        for (BidPlaced e : applied) {
            bidders.add(Map.entry(e.auctionId(), e.bidderId()));
            latest.merge(e.auctionId(), e, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        audience.bidding(bidders);
        latest.values().forEach(e -> audience.bidEnds(e.auctionId(), e.endsAt(), e.sequence()));
        Map<UUID, String> titles = new HashMap<>();
        List<NotificationRules.Planned> planned = new ArrayList<>();
        for (BidPlaced e : applied) {
            String title = e.title() != null ? e.title() : titles.computeIfAbsent(e.auctionId(), this::title);
            planned.addAll(NotificationRules.of(e, title));
        }
        store(planned);
    }

    @Transactional
    public void auctionClosed(AuctionClosed e) {
        if (!processed.firstTime(e.eventId(), CONSUMER)) {
            return;
        }
        audience.closed(e.auctionId());
        store(NotificationRules.of(e, e.title() != null ? e.title() : title(e.auctionId())));
    }

    /** Who watches: from watchlist-changed (in order per auction: the auction is the key). */
    @Transactional
    public void watchlistChanged(WatchlistChanged e) {
        audience.watching(e.auctionId(), e.userId(), e.watching());
    }

    /**
     * Stores notifications that are not there yet, and queues the mails their recipients want (in order: of two outbids
     * of one person on one auction, the first takes the mail slot). A statement per kind of read or write, whatever
     * the number of notifications.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<NotificationRules.Planned> planned) {
        if (planned.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Notification> list = new ArrayList<>(planned.size());
        for (NotificationRules.Planned p : planned) {
            Notification n = new Notification();
            n.id = p.id();
            n.userId = p.userId();
            n.type = p.type();
            n.auctionId = p.auctionId();
            n.orderId = p.orderId();
            n.title = p.title();
            n.body = p.body();
            list.add(n);
        }
        Set<UUID> stored = notifications.insertIfAbsent(list, now);
        List<NotificationRules.Planned> mailable = planned.stream()
                .filter(p -> p.mailKind() != null && stored.contains(p.id())).toList();
        if (mailable.isEmpty()) {
            return;
        }
        Set<UUID> users = new LinkedHashSet<>();
        mailable.forEach(p -> users.add(p.userId()));
        Map<UUID, KnowledgeRepository.Recipient> recipients = knowledge.recipients(users);
        Map<UUID, MailPreferences> wants = preferences.of(users);
        List<UUID> mailed = new ArrayList<>();
        for (NotificationRules.Planned p : mailable) {
            KnowledgeRepository.Recipient recipient = recipients.get(p.userId());
            String kind = p.mailKind();
            if (recipient == null || !recipient.emailVerified() || !wants.get(p.userId()).wants(kind)) {
                continue;
            }
            if (!kind.equals(NotificationRules.OUTBID_MAIL)
                    || knowledge.takeOutbidMailSlot(p.userId(), p.auctionId(), now, OUTBID_MAIL_GAP)) {
                mailed.add(p.id());
            }
        }
        mails.add(mailed, now);
    }

    /** An order moved: its notifications, stored once. @return what was planned (for the live push) */
    @Transactional
    public List<NotificationRules.Planned> orderChanged(OrderChanged e) {
        if (!processed.firstTime(e.eventId(), CONSUMER)) {
            return List.of();
        }
        List<NotificationRules.Planned> planned = NotificationRules.of(e);
        store(planned);
        return planned;
    }

    @Transactional
    public void auctionPublished(AuctionPublished e) {
        knowledge.auction(e.auctionId(), e.title(), e.sellerId(), e.currency(), e.publishedAt());
        audience.published(e.auctionId(), e.endsAt());
    }

    @Transactional
    public void contactChanged(UUID userId, String email, boolean verified, String displayName, Instant at) {
        knowledge.recipient(userId, email, verified, displayName, at);
    }
}
