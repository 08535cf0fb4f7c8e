package dev.gavel.gateway.service;

import dev.gavel.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the live relay reads from a known position yet: every relayed topic's partitions assigned and positioned
 * (by the relay's rebalance listener). Until then a watcher's snapshot could be followed by events never read, so
 * the gateway is not ready and takes no watcher.
 */
@ApplicationScoped
public class RelayPositions {

    private static final Set<String> RELAYED = Set.of(Topics.BID_PLACED, Topics.AUCTION_CLOSED);

    private final Set<String> positioned = ConcurrentHashMap.newKeySet();

    public void positioned(String topic) {
        positioned.add(topic);
    }

    public boolean ready() {
        return positioned.containsAll(RELAYED);
    }
}
