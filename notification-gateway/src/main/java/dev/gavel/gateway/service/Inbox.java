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
import java.util.List;
import java.util.UUID;

/**
 * Stores the notifications of an event, once across replicas and redeliveries ({@code processed_event}, and ids
 * derived from the event), and queues a mail for each one its recipient wants: a verified address, the preference
 * on, and for outbid at most one mail per auction per 15 minutes. The mail itself goes out from {@link MailDelivery}.
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
        apply(e);
    }

    /** A poll of bids in one transaction (a storm of bids must not outrun the inbox), each as {@link #bidPlaced}. */
    @Transactional
    public void bidsPlaced(List<BidPlaced> events) {
        events.forEach(this::apply);
    }

    private void apply(BidPlaced e) {
        if (!processed.firstTime(e.eventId(), CONSUMER)) {
            return;
        }
        audience.bidding(e.auctionId(), e.bidderId());
        audience.bidEnds(e.auctionId(), e.endsAt(), e.sequence());
        store(NotificationRules.of(e, e.title() != null ? e.title() : title(e.auctionId())));
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

    /** Stores notifications that are not there yet, and queues the mails their recipients want. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(List<NotificationRules.Planned> planned) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (NotificationRules.Planned p : planned) {
            Notification n = new Notification();
            n.id = p.id();
            n.userId = p.userId();
            n.type = p.type();
            n.auctionId = p.auctionId();
            n.orderId = p.orderId();
            n.title = p.title();
            n.body = p.body();
            n.createdAt = now;
            if (notifications.insertIfAbsent(n) && wantsMail(p, now)) {
                mails.add(n.id, now);
            }
        }
    }

    private boolean wantsMail(NotificationRules.Planned p, Instant now) {
        String kind = p.mailKind();
        boolean verified = knowledge.recipient(p.userId()).map(KnowledgeRepository.Recipient::emailVerified)
                .orElse(false);
        if (kind == null || !verified || !preferences.of(p.userId()).wants(kind)) {
            return false;
        }
        return !kind.equals(NotificationRules.OUTBID_MAIL)
                || knowledge.takeOutbidMailSlot(p.userId(), p.auctionId(), now, OUTBID_MAIL_GAP);
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
