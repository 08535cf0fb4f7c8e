package dev.gavel.gateway;

import dev.gavel.events.UserSessionsRevoked;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import dev.gavel.testkit.WsTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The personal feed outlives no session: {@code user-sessions-revoked} from user-service (real Kafka) closes the
 * feeds that session opened, and a forged revocation closes nothing.
 */
@GatewayTest
class SessionEndTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    WsTestClient personalFeed(UUID user, UUID session) {
        return WsTestClient.connect(URI.create("ws://" + base.getHost() + ":" + base.getPort()
                + "/ws/notifications?access_token=" + TestTokens.inSession(user, "Sam", session)));
    }

    static UserSessionsRevoked revoked(UUID user, UUID session, String reason) {
        return new UserSessionsRevoked(UUID.randomUUID(), user, session, reason, Instant.now());
    }

    /** The gateway's consumer starts at the latest offset: revoke a canary's session until it is surely reading. */
    void awaitConsumerReady() {
        UUID canary = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (WsTestClient feed = personalFeed(canary, session)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                KafkaTestClient.publish(revoked(canary, session, UserSessionsRevoked.LOGOUT));
                return feed.isClosed();
            });
        }
    }

    @Test
    void logoutClosesThatSessionsFeedAndNoOther() {
        awaitConsumerReady();
        UUID user = UUID.randomUUID();
        UUID laptop = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        try (WsTestClient onLaptop = personalFeed(user, laptop); WsTestClient onPhone = personalFeed(user, phone)) {
            // somebody who is not user-service forges the laptop's logout; then the phone logs out for real (same
            // key, same partition: the forged record is read first)
            KafkaTestClient.forge(revoked(user, laptop, UserSessionsRevoked.LOGOUT), "/gavel/auction-service");
            KafkaTestClient.publish(revoked(user, phone, UserSessionsRevoked.LOGOUT));
            assertEquals(4401, onPhone.awaitClose(WAIT), "the phone's session ended");
            assertFalse(onLaptop.isClosed(), "the laptop's session goes on; the forged logout changed nothing");

            KafkaTestClient.publish(revoked(user, laptop, UserSessionsRevoked.LOGOUT));
            assertEquals(4401, onLaptop.awaitClose(WAIT));
        }
    }

    @Test
    void aPasswordChangeClosesEveryFeedOfTheUserOnly() {
        awaitConsumerReady();
        UUID user = UUID.randomUUID();
        UUID someoneElse = UUID.randomUUID();
        try (WsTestClient first = personalFeed(user, UUID.randomUUID());
             WsTestClient second = personalFeed(user, UUID.randomUUID());
             WsTestClient other = personalFeed(someoneElse, UUID.randomUUID())) {
            KafkaTestClient.publish(revoked(user, null, UserSessionsRevoked.PASSWORD_CHANGED));
            assertEquals(4401, first.awaitClose(WAIT));
            assertEquals(4401, second.awaitClose(WAIT));
            // the other user's revocation, published after, is read after: by then nothing has closed their feed
            UUID marker = UUID.randomUUID();
            try (WsTestClient markerFeed = personalFeed(someoneElse, marker)) {
                KafkaTestClient.publish(someoneElse.toString(), revoked(someoneElse, marker, UserSessionsRevoked.LOGOUT));
                assertEquals(4401, markerFeed.awaitClose(WAIT));
            }
            assertFalse(other.isClosed(), "another user's feed stays open");
        }
    }
}
