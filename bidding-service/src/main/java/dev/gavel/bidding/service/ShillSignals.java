package dev.gavel.bidding.service;

import dev.gavel.bidding.repository.SignalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
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

    /** A flagged pair, the auctions it concerns. */
    public record Flagged(UUID bidderId, UUID sellerId, int score, List<String> reasons, List<UUID> auctions) {
    }

    private final SignalRepository signals;
    private final Clock clock;

    public ShillSignals(SignalRepository signals, Clock clock) {
        this.signals = signals;
        this.clock = clock;
    }

    /** The flagged pairs (of one seller, or of all when {@code sellerId} is null), highest score first, at most {@code limit}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Flagged> flagged(int limit, UUID sellerId) {
        var since = clock.instant().minus(WINDOW);
        return signals.pairs(since, sellerId, MIN_BIDS, MAX_PAIRS).stream()
                .map(ShillRules::score)
                .filter(s -> s.score() >= ShillRules.THRESHOLD)
                .sorted(Comparator.comparingInt(ShillRules.Signal::score).reversed())
                .limit(limit)
                .map(s -> new Flagged(s.bidderId(), s.sellerId(), s.score(), s.reasons(),
                        signals.auctions(s.bidderId(), s.sellerId(), since)))
                .toList();
    }
}
