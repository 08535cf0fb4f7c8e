package dev.gavel.bidding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "gavel.bidding")
public interface BiddingConfig {

    /** How often the engine closes auctions whose effective end has come. */
    @WithDefault("250ms")
    Duration closingInterval();
}
