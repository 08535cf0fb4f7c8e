package dev.gavel.auction.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "gavel.auction")
public interface AuctionConfig {

    /** The longest an auction may run. */
    @WithDefault("P30D")
    Duration maxDuration();

    @WithDefault("EUR")
    String defaultCurrency();

    /**
     * Search results are counted up to this many; beyond it {@code totalItems} is this bound and
     * {@code totalItemsExact} is false (counting every match of a broad query is what makes it slow).
     */
    @WithDefault("1000")
    int searchMaxCounted();

    /** How often scheduled auctions are checked for their start. */
    @WithDefault("1s")
    Duration activationInterval();
}
