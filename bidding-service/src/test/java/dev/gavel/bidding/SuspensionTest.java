package dev.gavel.bidding;

import dev.gavel.common.problem.Problem;
import dev.gavel.events.UserReinstated;
import dev.gavel.events.UserSuspended;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An admin's suspension (user-suspended from user-service, real Kafka) stops the account's bids within seconds, even
 * with a still-valid access token; a reinstatement restores them; an older event never undoes a newer one.
 */
@BiddingTest
class SuspensionTest {

    /** Bids of a probe account on an auction of its own, each higher than the last: the status code tells. */
    static final class Probe {
        final UUID id = UUID.randomUUID();
        final String token = TestTokens.user(id, "Probe");
        final UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00",
                now().plus(1, ChronoUnit.HOURS), null));
        final AtomicInteger amount = new AtomicInteger(10);

        int bid() {
            return BiddingTestSupport.bid(token, auction, amount.addAndGet(10)).statusCode();
        }
    }

    @Test
    void aSuspendedAccountsValidTokenNoLongerBidsUntilReinstated() {
        UUID seller = UUID.randomUUID();
        UUID bidder = UUID.randomUUID();
        String token = TestTokens.user(bidder, "Shill");
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        bid(token, auction, 10).then().statusCode(201);

        Instant suspendedAt = Instant.now();
        KafkaTestClient.publish(new UserSuspended(UUID.randomUUID(), bidder, "shill bidding", suspendedAt));
        // (a bid that came in before the suspension took hold was accepted, as it should be)
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> bid(token, auction, 20).statusCode() == 403);
        int bids = given().get("/api/bids/auctions/" + auction + "/state").path("bidCount");
        bid(token, auction, 30).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("ACCOUNT_SUSPENDED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("auctionId", auction.toString()))
                .post("/api/bids/buy-now").then().statusCode(403).body("code", equalTo("ACCOUNT_SUSPENDED"));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(bids));

        // a reinstatement older than the suspension (delivered late, on the other topic) changes nothing: a probe's
        // reinstatement on the same partition, applied after it, shows that it has been read
        Probe probe = new Probe();
        KafkaTestClient.publish(new UserSuspended(UUID.randomUUID(), probe.id, "probe", Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.bid() == 403);
        KafkaTestClient.publish(new UserReinstated(UUID.randomUUID(), bidder, null, suspendedAt.minusSeconds(60)));
        KafkaTestClient.publish(bidder.toString(), new UserReinstated(UUID.randomUUID(), probe.id, null,
                Instant.now().plusSeconds(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.bid() == 201);
        bid(token, auction, 40).then().statusCode(403).body("code", equalTo("ACCOUNT_SUSPENDED"));

        KafkaTestClient.publish(new UserReinstated(UUID.randomUUID(), bidder, null, suspendedAt.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> bid(token, auction, 50).statusCode() == 201);
    }

    @Test
    void aForgedSuspensionSuspendsNobody() {
        UUID bidder = UUID.randomUUID();
        String token = TestTokens.user(bidder, "Victim");
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS),
                null));
        Probe probe = new Probe();
        KafkaTestClient.forge(new UserSuspended(UUID.randomUUID(), bidder, "forged", Instant.now()),
                "/gavel/auction-service");
        // the probe's real suspension, on the same partition after the forged one
        KafkaTestClient.publish(bidder.toString(), new UserSuspended(UUID.randomUUID(), probe.id, "probe", Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.bid() == 403);
        bid(token, auction, 10).then().statusCode(201);
    }
}
