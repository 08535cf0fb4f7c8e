package dev.gavel.payment;

import dev.gavel.payment.PaymentTestSupport.Person;
import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.service.Transfer.Account;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gavel.payment.PaymentTestSupport.assertLedgerBalanced;
import static dev.gavel.payment.PaymentTestSupport.available;
import static dev.gavel.payment.PaymentTestSupport.awaitOrder;
import static dev.gavel.payment.PaymentTestSupport.publishAuction;
import static dev.gavel.payment.PaymentTestSupport.sold;
import static dev.gavel.payment.PaymentTestSupport.topUp;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 payments and withdrawals at once on one wallet that cannot cover them all: every one is either done whole or
 * refused with 402, the wallet never goes below zero, and what is left equals the money in minus what was done.
 */
@PaymentTest
class ConcurrentWalletTest {

    @Inject
    LedgerRepository ledger;

    @Test
    void concurrentPaymentsAndWithdrawalsNeverOverdrawTheWallet() throws Exception {
        Person buyer = Person.named("Busy Buyer");
        Person seller = Person.named("Sam Seller");
        topUp(buyer, "100.00");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID auction = publishAuction(seller.id(), "Lot " + i, null);
            KafkaTestClient.publish(sold(auction, seller.id(), buyer.id(), "10.00", null, null)); // 11.00 with premium
            orders.add(awaitOrder(buyer, auction));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (String order : orders) {
            calls.add(() -> {
                start.await();
                return given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                        .post("/api/orders/" + order + "/payments").statusCode();
            });
        }
        for (int i = 0; i < 40; i++) {
            calls.add(() -> {
                start.await();
                return given().auth().oauth2(buyer.token()).contentType(ContentType.JSON)
                        .body(Map.of("amount", new BigDecimal("3.00"))).post("/api/wallet/withdrawals").statusCode();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            calls.forEach(call -> results.add(pool.submit(call)));
            start.countDown();
            int paid = 0;
            int withdrawn = 0;
            int refused = 0;
            for (int i = 0; i < results.size(); i++) {
                int status = results.get(i).get();
                boolean payment = i < orders.size();
                if (status == 402) {
                    refused++;
                } else if (payment) {
                    assertEquals(200, status, "a payment is done or refused for want of money");
                    paid++;
                } else {
                    assertEquals(201, status, "a withdrawal is done or refused for want of money");
                    withdrawn++;
                }
            }
            assertTrue(refused > 0, "230.00 was asked of 100.00: some were refused");
            BigDecimal spent = new BigDecimal("11.00").multiply(BigDecimal.valueOf(paid))
                    .add(new BigDecimal("3.00").multiply(BigDecimal.valueOf(withdrawn)));
            BigDecimal left = new BigDecimal("100.00").subtract(spent);
            assertTrue(left.signum() >= 0, "never below zero: " + left);
            assertEquals(left, available(buyer));
            assertEquals(left, ledger.sumOfEntries(Account.wallet(buyer.id()), "EUR"), "the balance is its entries");
            assertEquals(paid, (int) orders.stream().filter(o -> PaymentTestSupport.orderStatus(buyer, o).equals("PAID"))
                    .count());
            assertLedgerBalanced();
        } finally {
            pool.shutdownNow();
        }
    }
}
