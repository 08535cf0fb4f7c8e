package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.testkit.Mailbox;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gavel for people, in real headless Chromium sessions through the gateway with the whole platform up: a seller
 * registers (verifying through the mail catcher) and lists an item with a photo; a buyer's bid shows on the seller's
 * open page within a second, without reload; a third bidder is outbid and sees the toast; a bid in the soft-close
 * window moves the countdown; a reload in the middle of a bid storm shows the API's price; the close shows on both
 * pages. Every page visited is checked with axe-core, no console shows an error, and screenshots are kept under
 * target/screenshots.
 */
@ExtendWith(GavelPlatformExtension.class)
class WebAppIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static String gateway;

    @BeforeAll
    static void setUp() {
        Browser.requireChromium();
        GavelPlatformExtension.restAssuredThroughGateway();
        gateway = GavelPlatformExtension.platform().gatewayUrl();
    }

    static void ready(Browser b) {
        b.await(WAIT, d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    static void visit(Browser b, String path, String screenshot) throws Exception {
        b.open(gateway + path);
        ready(b);
        b.assertAccessible(path);
        b.screenshot(screenshot);
        b.collectConsole();
    }

    static void signIn(Browser b, String email) {
        b.open(gateway + "/sign-in");
        ready(b);
        b.type("#email", email);
        b.type("#password", Accounts.PASSWORD);
        b.click("#sign-in button[type=submit]");
        b.await(WAIT, d -> !d.getCurrentUrl().contains("/sign-in"));
        ready(b);
    }

    static Map<String, Object> state(String auctionId) {
        return given().get("/api/bids/auctions/" + auctionId + "/state").then().statusCode(200).extract().jsonPath()
                .getMap("$");
    }

    static String price(Object amount) {
        return "EUR " + new BigDecimal(amount.toString()).setScale(2);
    }

    static void bid(Browser b, Object amount) {
        b.type("#amount", amount.toString());
        b.script("document.getElementById('bid-result').textContent = '';");
        b.click("#place-bid");
        b.awaitText("#bid-result", "You lead", WAIT);
    }

    static Path photo() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(180, 120, 40));
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.WHITE);
        g.fillOval(200, 120, 240, 240);
        g.dispose();
        Path file = Files.createTempFile("gavel-photo", ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /**
     * Waits until the live relay delivers a bid placed now: a freshly started gateway serves snapshots before its
     * Kafka partitions are positioned and may miss what comes in between (issue #19, not this test's subject).
     */
    static void liveFeedIsPositioned(String sellerToken, String bidderToken) {
        String warmUp = given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("title", "Warm-up lot", "description", "-", "startingPrice", 1, "minIncrement", 1,
                        "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> given().get("/api/bids/auctions/" + warmUp + "/state").statusCode() == 200);
        java.net.URI feed = java.net.URI.create(gateway.replace("http://", "ws://") + "/ws/auctions/" + warmUp);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            try (dev.gavel.testkit.WsTestClient watcher = dev.gavel.testkit.WsTestClient.connect(feed)) {
                watcher.next(WAIT); // the snapshot
                Object next = state(warmUp).get("minNextBid");
                given().auth().oauth2(bidderToken).contentType(ContentType.JSON)
                        .body(Map.of("auctionId", warmUp, "amount", next)).post("/api/bids").then().statusCode(201);
                long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < deadline) {
                    JsonNode frame = watcher.next(Duration.ofSeconds(3));
                    if ("bid-placed".equals(frame.path("type").asText())) {
                        return true;
                    }
                }
                return false;
            } catch (AssertionError noFrame) {
                return false;
            }
        });
    }

    @Test
    void theAuctionRoomIsLiveForEveryoneInIt() throws Exception {
        String sellerEmail = "web-seller-" + UUID.randomUUID() + "@example.com";
        String buyerEmail = "web-buyer-" + UUID.randomUUID() + "@example.com";
        String thirdEmail = "web-third-" + UUID.randomUUID() + "@example.com";
        Accounts.signUp("Bea Buyer", buyerEmail);
        Accounts.signUp("Carl Third", thirdEmail);
        List<String> storm = List.of(Accounts.signUp("StormOne"), Accounts.signUp("StormTwo"));
        liveFeedIsPositioned(storm.get(0), storm.get(1));

        try (Browser seller = new Browser("seller", 1280, 900);
             Browser buyer = new Browser("buyer", 390, 844); // a phone
             Browser third = new Browser("third", 1280, 900)) {

            // the seller registers through the page and verifies through the mail catcher
            visit(seller, "/register", "register");
            seller.type("#displayName", "Sally Seller");
            seller.type("#email", sellerEmail);
            seller.type("#password", Accounts.PASSWORD);
            seller.click("#register button[type=submit]");
            seller.awaitText("#registered", "Check your inbox", WAIT);
            JsonNode mail = Accounts.mailbox().await(sellerEmail, "Verify your e-mail");
            seller.open(Mailbox.link(mail, gateway + "/verify-email?token="));
            ready(seller);
            seller.assertAccessible("/verify-email");
            seller.click("#verify-button");
            seller.awaitText("#verify-result", "Your address is verified", WAIT);

            // ... and lists an item with a photo, previewed before it is uploaded
            visit(seller, "/sell", "sell-empty");
            seller.type("#title", "Brass <b>ship</b> lamp");
            seller.type("#description", "A lamp from a ship's cabin, 1920s. <script>alert(1)</script>");
            seller.find("#photos").sendKeys(photo().toAbsolutePath().toString());
            seller.await(WAIT, d -> !d.findElements(By.cssSelector("#previews img")).isEmpty());
            seller.type("#startingPrice", "10");
            seller.type("#minIncrement", "1");
            seller.screenshot("sell");
            seller.click("#list");
            seller.await(WAIT, d -> d.getCurrentUrl().contains("/auctions/"));
            String url = seller.driver.getCurrentUrl();
            String auctionId = url.substring(url.lastIndexOf('/') + 1);
            ready(seller);
            seller.awaitText("#title", "Brass <b>ship</b> lamp", WAIT); // text, never markup
            assertTrue(seller.find("#main-photo").isDisplayed(), "the photo is shown");

            signIn(buyer, buyerEmail);
            buyer.open(gateway + "/auctions/" + auctionId);
            ready(buyer);
            buyer.awaitText("#feed-state", "Live", WAIT);
            signIn(third, thirdEmail);
            third.open(gateway + "/auctions/" + auctionId);
            ready(third);
            third.awaitText("#feed-state", "Live", WAIT);

            // the auction is made short (its terms can change until the first bid), with a 12 s soft-close window that
            // extends by 10 s (the storm below is over before the window opens: every bid in it would add 10 s)
            String sellerToken = given().contentType(ContentType.JSON)
                    .body(Map.of("email", sellerEmail, "password", Accounts.PASSWORD)).post("/api/auth/login")
                    .then().statusCode(200).extract().path("accessToken");
            Instant end = Instant.now().plusSeconds(35).truncatedTo(ChronoUnit.SECONDS);
            given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                    .body(Map.of("endsAt", end.toString(), "softClose", Map.of("window", "PT12S", "extension", "PT10S",
                            "mode", "EXTEND"))).patch("/api/auctions/" + auctionId).then().statusCode(200);
            await().atMost(WAIT).until(() -> Instant.parse((String) state(auctionId).get("endsAt")).equals(end));
            // (the open pages learn the new end from the next frame)
            seller.awaitText("#feed-state", "Live", WAIT);

            // a buyer bids: the seller's open page shows the price and the history row within a second
            int rows = seller.driver.findElements(By.cssSelector("#history tr")).size();
            bid(buyer, 10);
            try {
                seller.await(Duration.ofSeconds(1), d -> seller.text("#price").equals("EUR 10.00")
                        && d.findElements(By.cssSelector("#history tr")).size() == rows + 1);
            } catch (RuntimeException e) {
                seller.screenshot("debug-seller");
                seller.collectConsole();
                throw new AssertionError("seller shows " + seller.text("#price") + ", feed " + seller.text("#feed-state")
                        + ", rows " + seller.driver.findElements(By.cssSelector("#history tr")).size() + " (before " + rows
                        + "), console " + seller.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
            }
            seller.screenshot("auction-seller");

            // the third bids, the buyer outbids them: the third sees the toast
            bid(third, 11);
            bid(buyer, 13);
            third.awaitText(".toast", "outbid", WAIT);
            third.screenshot("outbid-toast");

            // a storm of bids from elsewhere; the buyer reloads in the middle of it and shows the API's price
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> storming = CompletableFuture.runAsync(() -> {
                int i = 0;
                while (!stop.get()) {
                    Object next = state(auctionId).get("minNextBid");
                    given().auth().oauth2(storm.get(i++ % 2)).contentType(ContentType.JSON)
                            .body(Map.of("auctionId", auctionId, "amount", next)).post("/api/bids");
                }
            });
            await().atMost(WAIT).until(() -> ((Number) state(auctionId).get("bidCount")).intValue() >= 8);
            buyer.driver.navigate().refresh();
            ready(buyer);
            await().atMost(WAIT).until(() -> ((Number) state(auctionId).get("bidCount")).intValue() >= 14);
            stop.set(true);
            storming.join();
            String apiPrice = price(state(auctionId).get("currentPrice"));
            buyer.await(Duration.ofSeconds(5), d -> buyer.text("#price").equals(apiPrice));
            seller.await(Duration.ofSeconds(5), d -> seller.text("#price").equals(apiPrice));
            buyer.screenshot("auction-phone");

            // a bid in the soft-close window moves the end and the countdown
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Duration.between(Instant.now(), Instant.parse((String) state(auctionId).get("endsAt"))).toSeconds() < 10);
            String endsBefore = seller.find("#ends").getDomAttribute("datetime");
            bid(buyer, state(auctionId).get("minNextBid"));
            seller.await(Duration.ofSeconds(2), d -> Instant.parse(seller.find("#ends").getDomAttribute("datetime"))
                    .isAfter(Instant.parse(endsBefore)));
            String extended = seller.text("#countdown");
            assertTrue(extended.matches("\\d+m \\d{2}s"), extended);

            // the close shows on both pages
            seller.awaitText("#outcome", "Sold", Duration.ofSeconds(60));
            buyer.awaitText("#outcome", "Sold to Bea Buyer", Duration.ofSeconds(10));
            assertEquals("Ended", buyer.text("#countdown"));
            seller.screenshot("auction-closed");
            seller.assertAccessible("/auctions/{id}");
            buyer.assertAccessible("/auctions/{id} at phone width");

            // the buyer's pages, every one accessible
            visit(buyer, "/", "browse");
            assertTrue(buyer.text("#results").contains("Brass <b>ship</b> lamp"));
            visit(buyer, "/?q=lamp&sort=currentPrice,desc&status=CLOSED", "search");
            assertEquals("lamp", buyer.find("#q").getDomProperty("value"), "the search survives in the URL");
            visit(buyer, "/orders", "orders");
            buyer.awaitText("#orders", "Brass <b>ship</b> lamp", WAIT);
            for (String page : List.of("/me/bids", "/watchlist", "/wallet", "/notifications", "/account", "/api-docs")) {
                visit(buyer, page, page.substring(1).replace('/', '-'));
            }
            visit(seller, "/me/auctions", "my-auctions");
            visit(third, "/notifications", "inbox");
            assertTrue(third.text("#inbox").contains("outbid"), third.text("#inbox"));
            visit(third, "/sign-in", "sign-in");
            visit(third, "/reset-password", "reset-password");

            seller.assertNoConsoleErrors();
            buyer.assertNoConsoleErrors();
            third.assertNoConsoleErrors();
        }
    }
}
