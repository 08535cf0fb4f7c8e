package dev.gavel.gateway.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.net.impl.ConnectionBase;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * The Netty channel under a websockets-next connection, for the live feed's fan-out (measured with
 * {@code gavel-bench/run fanout}, docs/benchmarks.md). A frame fanned out to many sockets is encoded once, WebSocket
 * header included ({@link #wire}: a server's frames are not masked, so the bytes are the same for every client), and
 * each socket gets a view of the same direct buffer, written just below the WebSocket encoder with a void promise: no
 * encoding, copy, future or listener per socket. It is flushed once per fan-out task instead of once per frame. A
 * connection that negotiated a WebSocket extension (compression) gets a {@link TextWebSocketFrame} instead. The connection's own Vert.x layer stays in charge of everything else (reads, pings,
 * closing) and its writes use the same pipeline, so frames stay in order on the event loop.
 * <p>
 * websockets-next keeps the Vert.x socket package-private, and Vert.x its connection protected: they are reached
 * reflectively once. Where that fails (another Quarkus or Vert.x version), {@link #of} answers null and the channel
 * writes through the public {@code sendText}.
 */
final class FeedSocket {

    private static final Logger LOG = Logger.getLogger(FeedSocket.class);
    private static final MethodHandle WEB_SOCKET;
    private static final MethodHandle CONNECTION;
    /** Vert.x Web wraps the server's socket ({@code ServerWebSocketWrapper}); its {@code delegate} is the socket. */
    private static final MethodHandle DELEGATE;
    private static final Class<?> SOCKET_IMPL;
    private static volatile boolean warned;

    static {
        MethodHandle webSocket = null;
        MethodHandle connection = null;
        MethodHandle delegate = null;
        Class<?> impl = null;
        try {
            var method = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase")
                    .getDeclaredMethod("webSocket");
            method.setAccessible(true);
            webSocket = MethodHandles.lookup().unreflect(method)
                    .asType(MethodType.methodType(WebSocketBase.class, Object.class));
            impl = Class.forName("io.vertx.core.http.impl.WebSocketImplBase");
            Field conn = impl.getDeclaredField("conn");
            conn.setAccessible(true);
            connection = MethodHandles.lookup().unreflectGetter(conn)
                    .asType(MethodType.methodType(ConnectionBase.class, Object.class));
            Field wrapped = Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper").getDeclaredField("delegate");
            wrapped.setAccessible(true);
            delegate = MethodHandles.lookup().unreflectGetter(wrapped)
                    .asType(MethodType.methodType(WebSocketBase.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("live feeds write through sendText (no access to the Netty channel): %s", e.toString());
        }
        WEB_SOCKET = webSocket;
        CONNECTION = connection;
        DELEGATE = delegate;
        SOCKET_IMPL = impl;
    }

    private final WebSocketBase socket;
    private final ConnectionBase connection;
    private final Channel channel;
    /** The WebSocket encoder's context: raw frames are written from it, to the handlers below it. */
    private final ChannelHandlerContext encoder;

    private FeedSocket(WebSocketBase socket, ConnectionBase connection) {
        this.socket = socket;
        this.connection = connection;
        this.channel = connection.channel();
        boolean extended = channel.pipeline().get(WebSocketExtensionEncoder.class) != null;
        this.encoder = extended ? null : channel.pipeline().context(WebSocketFrameEncoder.class);
    }

    /** A final text frame as it goes on the wire from a server, in a direct buffer shared by every socket. */
    static ByteBuf wire(byte[] utf8) {
        int length = utf8.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocateDirect(header + length);
        frame.put((byte) 0x81); // FIN, text
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        frame.put(utf8).flip();
        return shared(frame);
    }

    /** Frames on the wire's form, to be written to many sockets: each write takes a view, none releases it. */
    static ByteBuf shared(ByteBuffer frames) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frames));
    }

    /** The socket under {@code connection}, or null where it cannot be reached. */
    static FeedSocket of(WebSocketConnection connection) {
        if (WEB_SOCKET == null || CONNECTION == null || DELEGATE == null) {
            return null;
        }
        try {
            WebSocketBase socket = (WebSocketBase) WEB_SOCKET.invoke((Object) connection);
            WebSocketBase inner = socket;
            while (!SOCKET_IMPL.isInstance(inner)) {
                inner = (WebSocketBase) DELEGATE.invoke((Object) inner);
            }
            return new FeedSocket(socket, (ConnectionBase) CONNECTION.invoke((Object) inner));
        } catch (Throwable e) {
            if (!warned) {
                warned = true;
                LOG.warnf("live feeds write through sendText (no access to the Netty channel): %s", e.toString());
            }
            return null;
        }
    }

    /** The kernel's send buffer of the socket (SO_SNDBUF), fixed rather than grown by the kernel up to megabytes. */
    void sendBuffer(int bytes) {
        channel.config().setOption(ChannelOption.SO_SNDBUF, bytes);
    }

    /** Past {@code bytes} waiting in the gateway, the socket stops being {@link #writable()} until it drains. */
    void conflateAfter(int bytes, Runnable drained) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(bytes / 2, bytes));
        socket.drainHandler(v -> drained.run());
    }

    EventExecutor loop() {
        return channel.eventLoop();
    }

    boolean open() {
        return channel.isActive();
    }

    boolean writable() {
        return channel.isWritable();
    }

    /** On the event loop: queues one text frame; nothing goes out before {@link #flush()}. */
    void write(byte[] utf8) {
        connection.writeToChannel(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)), false, connection.voidPromise);
    }

    /** On the event loop: queues one frame encoded by {@link #wire} (or its text where the socket has extensions). */
    void write(byte[] utf8, ByteBuf wire) {
        if (encoder == null) {
            write(utf8);
        } else {
            write(wire);
        }
    }

    /** Whether the socket takes frames encoded by {@link #wire} (no extension negotiated). */
    boolean raw() {
        return encoder != null;
    }

    /** On the event loop: queues frames encoded by {@link #wire} (see {@link #raw()}). */
    void write(ByteBuf wire) {
        encoder.write(wire.duplicate(), encoder.voidPromise());
    }

    void flush() {
        connection.flush();
    }
}
