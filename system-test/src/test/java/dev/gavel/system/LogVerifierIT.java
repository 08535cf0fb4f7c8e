package dev.gavel.system;

import dev.gavel.embedded.PostgresServer;
import dev.gavel.launcher.LogVerifier;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run verify <auctionId>} against the running platform: the log of real bids holds; after an amount is
 * changed directly in the engine's database, the verifier (its own implementation of the documented format) names
 * that entry.
 */
@ExtendWith(GavelPlatformExtension.class)
class LogVerifierIT {

    @Test
    void theVerifierNamesTheEntryThatWasChangedInTheDatabase() throws Exception {
        GavelPlatformExtension.restAssuredThroughGateway();
        int gateway = GavelPlatformExtension.config().gatewayPort();
        String seller = Accounts.signUp("Vera");
        String bidder = Accounts.signUp("Vic");
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Sealed chest", "description", "Locked.", "startingPrice", 10,
                        "minIncrement", 1, "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);
        for (int amount : new int[] {10, 12, 15}) {
            given().auth().oauth2(bidder).contentType(ContentType.JSON)
                    .body(Map.of("auctionId", auctionId, "amount", amount)).post("/api/bids").then().statusCode(201);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertEquals(0, LogVerifier.run(gateway, auctionId, new PrintStream(printed, true, StandardCharsets.UTF_8)));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("the chain holds: 3 entries"), printed.toString());

        String url = "jdbc:postgresql://127.0.0.1:" + GavelPlatformExtension.config().postgresPort() + "/bidding_service";
        try (Connection db = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             PreparedStatement tamper = db.prepareStatement(
                     "UPDATE bid SET amount = 11 WHERE auction_id = ? AND sequence = 2")) {
            tamper.setObject(1, UUID.fromString(auctionId));
            assertEquals(1, tamper.executeUpdate());
        }
        printed.reset();
        assertEquals(1, LogVerifier.run(gateway, auctionId, new PrintStream(printed, true, StandardCharsets.UTF_8)));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("entry 2 BROKEN"), printed.toString());
    }
}
