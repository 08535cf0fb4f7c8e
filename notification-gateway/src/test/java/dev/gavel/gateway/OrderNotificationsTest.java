package dev.gavel.gateway;

import dev.gavel.events.OrderChanged;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.Mailbox;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Orders reach people (CONTRACT §6b): payment-service's order events become payment-due, order-paid, order-shipped
 * and order-cancelled notifications in the inbox (once per event), with the order's id, and mails to verified
 * addresses; a second-chance offer tells the runner-up so.
 */
@GatewayTest
class OrderNotificationsTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    static OrderChanged event(OrderChanged.Change change, UUID order, UUID auction, UUID buyer, UUID seller,
            boolean secondChance) {
        return new OrderChanged(UUID.randomUUID(), change, order, auction, buyer, seller, "Pocket watch",
                new BigDecimal("660.00"), "EUR", secondChance, Instant.parse("2026-12-04T10:00:00Z"), "Post",
                "RR1", Instant.now());
    }

    static List<Map<String, Object>> inbox(InboxTest.Person who) {
        return given().auth().oauth2(who.token()).get("/api/notifications").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    @Test
    void orderEventsBecomeNotificationsOnceWithTheOrder() {
        InboxTest.Person buyer = InboxTest.person(em, true, false); // the defaults: payment mails on
        InboxTest.Person seller = InboxTest.person(em, true, false);
        UUID order = UUID.randomUUID();
        UUID auction = UUID.randomUUID();
        OrderChanged created = event(OrderChanged.Change.CREATED, order, auction, buyer.id(), seller.id(), true);
        KafkaTestClient.publish(created);
        KafkaTestClient.publish(created); // redelivered
        KafkaTestClient.publish(event(OrderChanged.Change.PAID, order, auction, buyer.id(), seller.id(), true));
        KafkaTestClient.publish(event(OrderChanged.Change.SHIPPED, order, auction, buyer.id(), seller.id(), true));

        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(buyer).size() == 2 && inbox(seller).size() == 1);
        given().auth().oauth2(buyer.token()).get("/api/notifications").then()
                .body("items.type", org.hamcrest.Matchers.containsInAnyOrder("payment-due", "order-shipped"))
                .body("items.orderId", org.hamcrest.Matchers.everyItem(equalTo(order.toString())));
        Map<String, Object> due = inbox(buyer).stream().filter(n -> n.get("type").equals("payment-due")).findFirst()
                .orElseThrow();
        assertEquals("Second chance: \u201cPocket watch\u201d can be yours", due.get("title"));
        given().auth().oauth2(seller.token()).get("/api/notifications").then()
                .body("items[0].type", equalTo("order-paid")).body("items[0].title", containsString("ship it"));
        Mailbox.ofTestCatcher().await(buyer.email(), "Second chance");
        Mailbox.ofTestCatcher().await(buyer.email(), "is on its way");
        // still one payment-due, however often the event came
        assertEquals(1, inbox(buyer).stream().filter(n -> n.get("type").equals("payment-due")).count());
    }
}
