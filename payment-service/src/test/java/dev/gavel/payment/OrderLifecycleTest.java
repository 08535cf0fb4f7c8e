package dev.gavel.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.problem.Problem;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.Topics;
import dev.gavel.events.UserAddressChanged;
import dev.gavel.payment.PaymentTestSupport.Person;
import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.service.Transfer.Account;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.payment.PaymentTestSupport.assertLedgerBalanced;
import static dev.gavel.payment.PaymentTestSupport.available;
import static dev.gavel.payment.PaymentTestSupport.awaitOrder;
import static dev.gavel.payment.PaymentTestSupport.order;
import static dev.gavel.payment.PaymentTestSupport.publishAuction;
import static dev.gavel.payment.PaymentTestSupport.sold;
import static dev.gavel.payment.PaymentTestSupport.topUp;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * From the hammer to the seller's money, against real PostgreSQL and Kafka: one order per SOLD auction however often
 * the close is delivered, paid from the wallet, shipped, received; the seller gets exactly hammer − commission, the
 * platform premium + commission, and the ledger balances.
 */
@PaymentTest
class OrderLifecycleTest {

    @Inject
    LedgerRepository ledger;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSoldAuctionMakesOneOrderEvenWhenTheCloseComesTwice() throws Exception {
        Person seller = Person.named("Sam Seller");
        Person buyer = Person.named("Bea Buyer");
        KafkaTestClient.publish(new UserAddressChanged(UUID.randomUUID(), buyer.id(), new UserAddressChanged.PostalAddress(
                "Bea Buyer", "Ringstraße 1", null, "Wien", "1010", null, "AT", null), Instant.now()));
        UUID auction = publishAuction(seller.id(), "Brass lamp", null);
        AuctionClosed close = sold(auction, seller.id(), buyer.id(), "100.00", null, null);
        KafkaTestClient.publish(close);
        KafkaTestClient.publish(close); // redelivered
        AuctionClosed again = sold(auction, seller.id(), buyer.id(), "100.00", null, null);
        KafkaTestClient.publish(again); // and re-published under a new id
        String orderId = awaitOrder(buyer, auction);
        // one partition (key = auction), in order: once the last is recorded, all three were applied
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                        .setParameter(1, again.eventId()).getSingleResult()).intValue() == 1));

        // the address comes on its own topic: the order has it once both are applied, whichever came first
        await().atMost(Duration.ofSeconds(20)).until(() -> "Wien".equals(order(buyer, orderId).path("shippingAddress.city")));
        order(buyer, orderId).then().statusCode(200)
                .body("status", equalTo("AWAITING_PAYMENT")).body("title", equalTo("Brass lamp"))
                .body("hammerPrice", equalTo(100.0f)).body("buyerPremium", equalTo(10.0f))
                .body("total", equalTo(110.0f)).body("amountDue", equalTo(110.0f)).body("currency", equalTo("EUR"))
                .body("shippingAddress.city", equalTo("Wien")).body("sellerCredit", nullValue());
        List<ConsumerRecord<String, String>> created = KafkaTestClient.await(Topics.ORDER_CREATED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, KafkaTestClient.readToEnd(Topics.ORDER_CREATED, r -> auction.toString().equals(r.key())).size());
        assertEquals("/gavel/payment-service", KafkaTestClient.header(created.get(0), "ce_source"));
        assertEquals(orderId, mapper.readTree(created.get(0).value()).get("orderId").asText());
        assertEquals(1, given().auth().oauth2(buyer.token()).get("/api/orders?role=buyer").then().extract()
                .jsonPath().getList("items").size());
        // the seller sees it among theirs, without the address until it is paid; a stranger does not see it at all
        given().auth().oauth2(seller.token()).get("/api/orders?role=seller").then().statusCode(200)
                .body("items[0].id", equalTo(orderId)).body("items[0].shippingAddress", nullValue())
                .body("items[0].sellerCredit", equalTo(95.0f));
        order(Person.named("Nosy"), orderId).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void paidShippedReceivedTheSellerGetsHammerLessCommissionAndThePlatformTheRest() throws Exception {
        Person seller = Person.named("Sam Seller");
        Person buyer = Person.named("Bea Buyer");
        UUID auction = publishAuction(seller.id(), "Oak chair", null);
        KafkaTestClient.publish(sold(auction, seller.id(), buyer.id(), "200.00", null, null));
        String orderId = awaitOrder(buyer, auction);
        BigDecimal platformBefore = ledger.balance(Account.platformRevenue(), "EUR");

        // not enough money: 402, nothing changes
        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(402).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("INSUFFICIENT_FUNDS"));
        topUp(buyer, "250.00");
        // only the buyer pays, only the seller ships, only a paid order ships
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(404);
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "Post", "trackingNumber", "RR123456789AT"))
                .post("/api/orders/" + orderId + "/shipment").then().statusCode(409).body("code", equalTo("ORDER_NOT_PAID"));

        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(new BigDecimal("30.00"), available(buyer), "250 − (200 + 10% premium)");
        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(409)
                .body("code", equalTo("ORDER_NOT_PAYABLE"));

        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "Post", "trackingNumber", "RR123456789AT"))
                .post("/api/orders/" + orderId + "/shipment").then().statusCode(403);
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "", "trackingNumber", "<script>"))
                .post("/api/orders/" + orderId + "/shipment").then().statusCode(400);
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "Post", "trackingNumber", "RR123456789AT"))
                .post("/api/orders/" + orderId + "/shipment").then().statusCode(200)
                .body("status", equalTo("SHIPPED")).body("trackingNumber", equalTo("RR123456789AT"));
        given().auth().oauth2(seller.token()).post("/api/orders/" + orderId + "/receipt").then().statusCode(403);
        assertEquals(new BigDecimal("0.00"), available(seller), "nothing for the seller before receipt");

        given().auth().oauth2(buyer.token()).post("/api/orders/" + orderId + "/receipt").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertEquals(new BigDecimal("190.00"), available(seller), "hammer 200 − 5% commission");
        assertEquals(new BigDecimal("30.00"), ledger.balance(Account.platformRevenue(), "EUR").subtract(platformBefore),
                "premium 20 + commission 10");
        assertEquals(new BigDecimal("0.00"), ledger.balance(Account.escrow(UUID.fromString(orderId)), "EUR"));
        assertLedgerBalanced();

        for (String topic : List.of(Topics.ORDER_PAID, Topics.ORDER_SHIPPED, Topics.ORDER_COMPLETED)) {
            JsonNode event = mapper.readTree(KafkaTestClient.await(topic, r -> auction.toString().equals(r.key()), 1,
                    Duration.ofSeconds(20)).get(0).value());
            assertEquals(orderId, event.get("orderId").asText(), topic);
            assertEquals("220.00", event.get("total").decimalValue().setScale(2).toPlainString(), topic);
        }
        // the buyer's statement: the top-up and the payment, newest first
        given().auth().oauth2(buyer.token()).get("/api/wallet/transactions").then().statusCode(200)
                .body("items[0].kind", equalTo("ORDER_PAYMENT")).body("items[0].amount", equalTo(-220.0f))
                .body("items[1].kind", equalTo("TOP_UP")).body("items[1].amount", equalTo(250.0f));
    }

    @Test
    void anAdminRefundsAPaidOrderToTheBuyersWalletAndOnlyAnAdmin() throws Exception {
        Person seller = Person.named("Sam Seller");
        Person buyer = Person.named("Bea Buyer");
        UUID auction = publishAuction(seller.id(), "Cracked mirror", null);
        KafkaTestClient.publish(sold(auction, seller.id(), buyer.id(), "50.00", null, null));
        String orderId = awaitOrder(buyer, auction);
        given().auth().oauth2(PaymentTestSupport.ADMIN).post("/api/orders/" + orderId + "/refund").then().statusCode(409)
                .body("code", equalTo("ORDER_NOT_REFUNDABLE"));
        topUp(buyer, "55.00");
        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(200);
        assertEquals(new BigDecimal("0.00"), available(buyer));
        given().auth().oauth2(buyer.token()).post("/api/orders/" + orderId + "/refund").then().statusCode(403);

        given().auth().oauth2(PaymentTestSupport.ADMIN).post("/api/orders/" + orderId + "/refund").then().statusCode(200)
                .body("status", equalTo("REFUNDED"));
        assertEquals(new BigDecimal("55.00"), available(buyer), "the whole total back");
        assertEquals(new BigDecimal("0.00"), ledger.balance(Account.escrow(UUID.fromString(orderId)), "EUR"));
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "Post", "trackingNumber", "RR1")).post("/api/orders/" + orderId + "/shipment")
                .then().statusCode(409);
        JsonNode refunded = mapper.readTree(KafkaTestClient.await(Topics.ORDER_REFUNDED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
        assertEquals("REFUNDED", refunded.get("change").asText());
        assertLedgerBalanced();
    }
}
