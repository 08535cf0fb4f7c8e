package dev.gavel.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bid storms' load generator: keep-alive HTTP/1.1 connections on one Netty event loop, each posting its next body
 * as soon as the previous one is answered (a closed loop). A request is its connection's head, encoded once, then the
 * body's length and the body; answers are read by Netty's {@link HttpResponseDecoder}. It shares the machine's two
 * cores with the platform it measures, so it does no more than that: Vert.x's pooled {@code HttpClient}, which it
 * replaced, took about 60 µs of CPU per accepted bid, most of it choosing a connection out of the pool and validating
 * the same headers again for every request (docs/benchmarks.md, "the load generator's own CPU").
 */
final class HttpLoad implements AutoCloseable {

    /** An answer: its status (-1: none, the connection failed), and when its request was written (System.nanoTime). */
    interface Answered {
        void answered(int status, long sentAt);
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;

    HttpLoad(String host, int port) {
        this.host = host;
        this.port = port;
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /**
     * One connection's loop: POSTs {@code bodies}' JSON to {@code path} one after the other until it gives null, then
     * completes. A connection the server closes is opened again (the request in flight answered -1).
     */
    CompletableFuture<Void> loop(String path, String authorization, Supplier<String> bodies, Answered answered) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nContent-Type: application/json\r\nContent-Length: ")
                .getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Void> done = new CompletableFuture<>();
        connect(new Loop(head, bodies, answered, done));
        return done;
    }

    private void connect(Loop loop) {
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new HttpResponseDecoder(), loop.fresh());
            }
        }).connect(host, port).addListener(connected -> {
            if (!connected.isSuccess()) {
                loop.done.completeExceptionally(connected.cause());
            }
        });
    }

    @Override
    public void close() throws Exception {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    /** The state of one closed loop, across the connections it may need. */
    private final class Loop {
        private final byte[] head;
        private final Supplier<String> bodies;
        private final Answered answered;
        private final CompletableFuture<Void> done;
        private long sentAt;
        private int status;
        private boolean inFlight;

        Loop(byte[] head, Supplier<String> bodies, Answered answered, CompletableFuture<Void> done) {
            this.head = head;
            this.bodies = bodies;
            this.answered = answered;
            this.done = done;
        }

        /** The handler of a new connection of this loop. */
        SimpleChannelInboundHandler<HttpObject> fresh() {
            return new SimpleChannelInboundHandler<>() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    send(ctx);
                }

                @Override
                protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
                    if (message.decoderResult().isFailure()) {
                        ctx.close();
                        return;
                    }
                    if (message instanceof HttpResponse response) {
                        status = response.status().code();
                    }
                    if (message instanceof LastHttpContent) {
                        inFlight = false;
                        answered.answered(status, sentAt);
                        send(ctx);
                    }
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    if (done.isDone()) {
                        return;
                    }
                    if (inFlight) {
                        inFlight = false;
                        answered.answered(-1, sentAt);
                    }
                    connect(Loop.this);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                }
            };
        }

        private void send(ChannelHandlerContext ctx) {
            String body = bodies.get();
            if (body == null) {
                done.complete(null);
                ctx.close();
                return;
            }
            String length = body.length() + "\r\n\r\n"; // the bodies are ASCII: as many bytes as characters
            ByteBuf request = ctx.alloc().buffer(head.length + length.length() + body.length());
            request.writeBytes(head);
            request.writeCharSequence(length, StandardCharsets.US_ASCII);
            request.writeCharSequence(body, StandardCharsets.US_ASCII);
            inFlight = true;
            sentAt = System.nanoTime();
            ctx.writeAndFlush(request);
        }
    }
}
