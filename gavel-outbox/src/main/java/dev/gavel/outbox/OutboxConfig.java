package dev.gavel.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "gavel.outbox")
public interface OutboxConfig {

    /** The relay wakes up at commit; this poll catches anything a crash or a lost wake-up left behind. */
    @WithDefault("1s")
    Duration backstopInterval();

    /**
     * Events sent per relay round: a round waits for Kafka's acknowledgements once, so larger rounds carry a storm
     * with fewer waits (at 200 the relay fell seconds behind a 3,000 bids/s storm: gavel-bench BiddingBenchmark).
     */
    @WithDefault("1000")
    int batchSize();

    /** How long the relay waits for Kafka's acknowledgements before it retries the batch. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** Whether the relay runs in this process (tests that inspect the outbox table may turn it off). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How long the ids of applied events are kept for deduplication: well beyond the topics' retention (7 days), so
     * that no redelivery can outlive its id.
     */
    @WithDefault("P14D")
    Duration processedEventRetention();

    /** The first wait before a received event is applied again after a dependency failed ({@link EventInbox}). */
    @WithDefault("200ms")
    Duration inboxRetryInitial();

    /** The longest wait between two attempts; the attempts go on without limit. */
    @WithDefault("30s")
    Duration inboxRetryMax();

    /**
     * Whether an inbox waiting for a dependency makes the service not ready ({@link InboxHealth}). A service whose work
     * is its inbox says yes; notification-gateway says no: its live feed needs no database, and a database outage must
     * not take it out of the load balancer. The wait is shown in the readiness data either way.
     */
    @WithDefault("true")
    boolean inboxWaitsGateReadiness();
}
