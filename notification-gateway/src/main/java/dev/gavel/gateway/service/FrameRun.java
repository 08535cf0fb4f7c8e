package dev.gavel.gateway.service;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Consecutive frames of one auction ({@code first} to {@code last}, no sequence missing) as they go on the wire one
 * after the other, in one direct buffer shared by the watchers of an event loop: a watcher that is exactly before
 * {@code first} gets them all in one write ({@link FeedWatcher#deliver(FrameRun)}).
 */
record FrameRun(long first, long last, ByteBuf wire) {

    /** The run of {@code frames}, or null when there are fewer than two or their sequences are not consecutive. */
    static FrameRun of(List<FeedWatcher.Frame> frames) {
        if (frames.size() < 2) {
            return null;
        }
        int bytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0 && frames.get(i).sequence() != frames.get(i - 1).sequence() + 1) {
                return null;
            }
            bytes += frames.get(i).wire().readableBytes();
        }
        ByteBuffer run = ByteBuffer.allocateDirect(bytes);
        for (FeedWatcher.Frame frame : frames) {
            ByteBuf wire = frame.wire();
            run.put(wire.nioBuffer(wire.readerIndex(), wire.readableBytes()));
        }
        run.flip();
        return new FrameRun(frames.get(0).sequence(), frames.get(frames.size() - 1).sequence(),
                FeedSocket.shared(run));
    }
}
