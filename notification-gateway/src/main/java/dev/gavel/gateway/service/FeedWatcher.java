package dev.gavel.gateway.service;

import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One WebSocket connection watching one auction. Everything it does runs on its connection's event loop, so a
 * watcher needs no lock and its frames leave in the order it decides them.
 * <p>
 * It first sends its snapshot; frames that arrive before it are held back, and a frame whose sequence is not above the
 * last one sent is dropped, so a watcher never sees a frame twice or backwards. A frame that skips a sequence means
 * frames were missed: the watcher is sent a fresh snapshot from the engine instead (and what arrives meanwhile is held
 * back again), so a gap is always marked by a snapshot.
 * <p>
 * Conflation: when its socket is not {@link ClientChannel#writable()} (the client reads slower than the frames come),
 * the watcher skips frames instead of queueing them, and once the socket drains it gets one fresh snapshot of the
 * latest state ({@link LiveView}) in place of everything it skipped. A watcher that skips more than the queue bound is
 * too slow and is dropped (4008).
 */
public final class FeedWatcher {

    private static final Logger LOG = Logger.getLogger(FeedWatcher.class);

    /** What became of one frame for this watcher. */
    public enum Delivered { SENT, HELD, STALE, SKIPPED }

    /** A frame of the feed, encoded once for all its watchers: its JSON, and the whole WebSocket frame. */
    public record Frame(long sequence, byte[] utf8, io.netty.buffer.ByteBuf wire) {

        public Frame(long sequence, byte[] utf8) {
            this(sequence, utf8, FeedSocket.wire(utf8));
        }
    }

    private final UUID auctionId;
    private final ClientChannel channel;
    private final AuctionFeeds feeds;
    private final int bound;
    private final List<Frame> held = new ArrayList<>();
    private boolean started;
    private boolean behind;
    private int skipped;
    private long lastSequence = -1;
    private int lastWatchers = -1;

    FeedWatcher(UUID auctionId, ClientChannel channel, AuctionFeeds feeds, int bound) {
        this.auctionId = auctionId;
        this.channel = channel;
        this.feeds = feeds;
        this.bound = bound;
        channel.onDrain(this::drained);
    }

    UUID auctionId() {
        return auctionId;
    }

    ClientChannel channel() {
        return channel;
    }

    /**
     * Sends the snapshot (the engine's committed state), then the newer frames that arrived meanwhile, in sequence
     * order. Any thread may call it: the work runs on the connection's event loop.
     */
    public void start(Frames.Snapshot snapshot, long snapshotSequence) {
        channel.execute(() -> begin(snapshot, snapshotSequence));
    }

    private void begin(Frames.Snapshot snapshot, long snapshotSequence) {
        channel.write(feeds.encode(snapshot));
        lastWatchers = snapshot.watchers();
        lastSequence = Math.max(lastSequence, snapshotSequence);
        started = true;
        held.sort(Comparator.comparingLong(Frame::sequence));
        for (Frame frame : held) {
            if (frame.sequence() > lastSequence) {
                lastSequence = frame.sequence();
                channel.write(frame);
            }
        }
        held.clear();
        channel.flush();
    }

    /** On the event loop: sends (without flushing, see {@link ClientChannel#flush}), holds, drops or skips a frame. */
    Delivered deliver(Frame frame) {
        if (!started) {
            held.add(frame);
            return Delivered.HELD;
        }
        if (frame.sequence() <= lastSequence) {
            return Delivered.STALE; // a duplicate, or already covered by a snapshot
        }
        if (behind) {
            return skip();
        }
        if (frame.sequence() > lastSequence + 1) {
            held.add(frame);
            resync();
            return Delivered.HELD;
        }
        if (!channel.writable()) {
            behind = true;
            return skip();
        }
        lastSequence = frame.sequence();
        return channel.write(frame) ? Delivered.SENT : Delivered.STALE;
    }

    /**
     * On the event loop: a run of consecutive frames in one write, when this watcher is exactly before its first and
     * its socket takes raw frames; null when they have to go one by one ({@link #deliver(Frame)}).
     */
    Delivered deliver(FrameRun run) {
        if (!started || behind || run.first() != lastSequence + 1 || !channel.raw() || !channel.writable()) {
            return null;
        }
        lastSequence = run.last();
        return channel.write(run.wire()) ? Delivered.SENT : Delivered.STALE;
    }

    /**
     * On the event loop, when the gateway fell behind: one snapshot of the latest state in place of {@code frames}
     * (see {@link LoopMailbox}). A watcher still waiting for its first snapshot holds the frames instead.
     */
    Delivered catchUp(Frame snapshot, int watchers, List<Frame> frames) {
        if (!started) {
            held.addAll(frames);
            return Delivered.HELD;
        }
        if (behind) {
            return skip(frames.size()); // each frame it replaces counts towards the bound
        }
        if (snapshot.sequence() <= lastSequence) {
            return Delivered.STALE;
        }
        if (!channel.writable()) {
            behind = true;
            return skip(frames.size());
        }
        lastSequence = snapshot.sequence();
        lastWatchers = watchers;
        return channel.write(snapshot) ? Delivered.SENT : Delivered.STALE;
    }

    private Delivered skip() {
        return skip(1);
    }

    private Delivered skip(int frames) {
        skipped += frames;
        if (skipped > bound) {
            channel.dropTooSlow();
        }
        return Delivered.SKIPPED;
    }

    /** The socket drained after conflation: one snapshot of the latest state replaces the frames skipped. */
    private void drained() {
        if (!behind) {
            return;
        }
        behind = false;
        skipped = 0;
        LiveView view = feeds.view(auctionId);
        if (view == null || !view.complete()) {
            resync();
        } else if (view.sequence() > lastSequence) {
            Frames.Snapshot snapshot = view.snapshot(auctionId, feeds.watchers(auctionId));
            channel.write(feeds.encode(snapshot));
            channel.flush();
            lastSequence = view.sequence();
            lastWatchers = snapshot.watchers();
        }
    }

    /**
     * Frames between the last one sent and this one were missed: a fresh snapshot from the engine replaces them. The
     * engine's state is committed before any of its events is relayed, so the snapshot is never behind a frame seen.
     */
    private void resync() {
        started = false;
        feeds.resynced();
        feeds.snapshot(auctionId).subscribe().with(
                state -> start(Frames.Snapshot.of(state, feeds.watchers(auctionId)), state.sequence()),
                failure -> {
                    LOG.warnf("no fresh snapshot of auction %s after a gap: %s", auctionId, failure.toString());
                    channel.close(AuctionFeeds.UNAVAILABLE, "live state unavailable, retry");
                });
    }

    /** On the event loop: only a count this watcher has not seen yet (its own join is already in its snapshot). */
    void presence(Frame frame, int count) {
        if (started && !behind && count != lastWatchers) {
            lastWatchers = count;
            channel.write(frame);
            channel.flush();
        }
    }
}
