package dev.gavel.gateway.service;

import dev.gavel.gateway.client.BiddingClient.LiveState;
import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Coalesces the snapshot requests of one auction: whoever asks while a request is in flight waits for the next one,
 * which starts when the current one ends and answers everyone who asked meanwhile. A watcher's snapshot therefore
 * always comes from a request that started after it asked (after it joined the feed), so it is never older than a
 * frame the watcher was not registered for; and a thousand watchers joining at once cost two requests, not a
 * thousand.
 */
final class SnapshotRequests {

    private final Function<UUID, Uni<LiveState>> fetch;
    private final Map<UUID, CompletableFuture<LiveState>> waiting = new HashMap<>();
    private final Set<UUID> inFlight = new HashSet<>();

    SnapshotRequests(Function<UUID, Uni<LiveState>> fetch) {
        this.fetch = fetch;
    }

    Uni<LiveState> request(UUID auctionId) {
        CompletableFuture<LiveState> answer;
        boolean launch;
        synchronized (this) {
            answer = waiting.computeIfAbsent(auctionId, id -> new CompletableFuture<>());
            launch = inFlight.add(auctionId);
        }
        if (launch) {
            launch(auctionId);
        }
        return Uni.createFrom().completionStage(answer);
    }

    private void launch(UUID auctionId) {
        CompletableFuture<LiveState> answer;
        synchronized (this) {
            answer = waiting.remove(auctionId);
        }
        fetch.apply(auctionId).subscribe().with(state -> {
            answer.complete(state);
            next(auctionId);
        }, failure -> {
            answer.completeExceptionally(failure);
            next(auctionId);
        });
    }

    private void next(UUID auctionId) {
        boolean again;
        synchronized (this) {
            again = waiting.containsKey(auctionId);
            if (!again) {
                inFlight.remove(auctionId);
            }
        }
        if (again) {
            launch(auctionId);
        }
    }
}
