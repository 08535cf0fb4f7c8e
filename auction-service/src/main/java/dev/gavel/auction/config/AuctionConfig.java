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

    /** How often scheduled auctions are checked for their start. */
    @WithDefault("1s")
    Duration activationInterval();
}
