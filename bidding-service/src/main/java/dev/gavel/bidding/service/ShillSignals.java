package dev.gavel.bidding.service;

import dev.gavel.bidding.repository.SignalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Shill-bidding signals for admins: the bidder–seller pairs the {@link ShillRules} score at or above the threshold,
 * with their reasons and the auctions involved. Read on request from what the engine recorded (never on the bidding
 * path), over the last 90 days.
 */
@ApplicationScoped
public class ShillSignals {

    static final Duration WINDOW = Duration.ofDays(90);
    private static final int MIN_BIDS = 2;
    private static final int MAX_PAIRS = 2_000;

    /**
     * A flagged pair (CONTRACT §4b): {@code auctionId} is the auction of the seller the bidder bid on last,
     * {@code firstSeenAt} their first bid on this seller; {@code auctions} (added) all the seller's auctions they bid on,
     * the latest first.
     */
    public record Flagged(UUID auctionId, UUID bidderId, UUID sellerId, int score, List<String> reasons,
            Instant firstSeenAt, List<UUID> auctions) {
    }

    private final SignalRepository signals;
    private final Clock clock;

    public ShillSignals(SignalRepository signals, Clock clock) {
        this.signals = signals;
        this.clock = clock;
    }

    /**
     * A page of the flagged pairs (of one seller, or of all when {@code sellerId} is null), newest first (by
     * {@code firstSeenAt}; the higher score first at the same instant).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Flagged> flagged(int page, int size, UUID sellerId) {
        var since = clock.instant().minus(WINDOW);
        record Scored(ShillRules.PairStats stats, ShillRules.Signal signal) {
        }
        return signals.pairs(since, sellerId, MIN_BIDS, MAX_PAIRS).stream()
                .map(stats -> new Scored(stats, ShillRules.score(stats)))
                .filter(s -> s.signal().score() >= ShillRules.THRESHOLD)
                .sorted(Comparator.comparing((Scored s) -> s.stats().firstBidOnSeller()).reversed()
                        .thenComparing(s -> -s.signal().score()))
                .skip((long) page * size)
                .limit(size)
                .map(s -> {
                    List<UUID> auctions = signals.auctions(s.stats().bidderId(), s.stats().sellerId(), since);
                    return new Flagged(auctions.isEmpty() ? null : auctions.get(0), s.stats().bidderId(),
                            s.stats().sellerId(), s.signal().score(), s.signal().reasons(), s.stats().firstBidOnSeller(),
                            auctions);
                })
                .toList();
    }
}
