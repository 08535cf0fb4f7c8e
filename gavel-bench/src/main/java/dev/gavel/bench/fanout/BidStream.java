package dev.gavel.bench.fanout;

import dev.gavel.launcher.PlatformConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Bids at a fixed rate (an open loop, not waiting for answers), the bidders in turn, each a cent above the last. */
final class BidStream {

    private static final AtomicLong CENTS = new AtomicLong(100);

    private BidStream() {
    }

    /** Sends {@code rate} bids a second for {@code seconds}; returns how many were accepted. */
    static long run(PlatformConfig config, String auction, List<String> bidders, int rate, int seconds)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(config.port("bidding-service")).setKeepAlive(true),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(50));
        long total = (long) rate * seconds;
        CountDownLatch answered = new CountDownLatch((int) total);
        AtomicLong accepted = new AtomicLong();
        long start = System.nanoTime();
        try {
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long cents = CENTS.incrementAndGet();
                String token = bidders.get((int) (i % bidders.size()));
                Buffer body = Buffer.buffer("{\"auctionId\":\"%s\",\"amount\":%d.%02d}"
                        .formatted(auction, cents / 100, cents % 100));
                http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/bids")
                                .putHeader("Authorization", "Bearer " + token)
                                .putHeader("Content-Type", "application/json"))
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(ignored -> response.statusCode()))
                        .onComplete(answer -> {
                            if (answer.succeeded() && answer.result() == 201) {
                                accepted.incrementAndGet();
                            }
                            answered.countDown();
                        });
            }
            answered.await(30, TimeUnit.SECONDS);
            return accepted.get();
        } finally {
            http.close();
            vertx.close();
        }
    }
}
