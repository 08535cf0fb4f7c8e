package dev.gavel.gateway.service;

import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The watchers of one auction, grouped by the event loop of their connection, so that a frame reaches them with one
 * task per event loop. Joins and leaves are made under {@link AuctionFeeds}' lock of the auction's entry; delivery
 * reads concurrently.
 */
final class Audience {

    /** The group of connections without an event loop of their own (written from the caller's thread). */
    private static final Object NO_LOOP = new Object();

    private final Map<Object, Set<FeedWatcher>> byLoop = new ConcurrentHashMap<>();
    private volatile int size;

    void add(FeedWatcher watcher) {
        if (byLoop.computeIfAbsent(key(watcher), k -> ConcurrentHashMap.newKeySet()).add(watcher)) {
            size++;
        }
    }

    boolean remove(FeedWatcher watcher) {
        Set<FeedWatcher> group = byLoop.get(key(watcher));
        boolean removed = group != null && group.remove(watcher);
        if (removed) {
            size--;
        }
        return removed;
    }

    int size() {
        return size;
    }

    void forEachLoop(BiConsumer<Object, Set<FeedWatcher>> action) {
        byLoop.forEach((loop, watchers) -> {
            if (!watchers.isEmpty()) {
                action.accept(loop, watchers);
            }
        });
    }

    /** Queues the task on the loop (also from the loop itself: the relay does not wait for one loop's writes). */
    static void execute(Object loop, Runnable task) {
        if (loop instanceof EventExecutor executor) {
            executor.execute(task);
        } else {
            task.run();
        }
    }

    private static Object key(FeedWatcher watcher) {
        EventExecutor loop = watcher.channel().loop();
        return loop == null ? NO_LOOP : loop;
    }
}
