package dev.gavel.system;

import dev.gavel.launcher.Platform;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The catalog with the real services around it: photos checked at the real media-service, search through the
 * gateway, and a scheduled start that passes while auction-service is down.
 */
@ExtendWith(GavelPlatformExtension.class)
class CatalogIT {

    static final String CARS = "c0000000-0000-4000-8000-000000000002";

    static Platform platform;

    @BeforeAll
    static void setUp() {
        platform = GavelPlatformExtension.platform();
        GavelPlatformExtension.restAssuredThroughGateway();
    }

    static byte[] png(int rgb) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 30; y++) {
                image.setRGB(x, y, rgb + x * y);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String upload(String token, int rgb) throws IOException {
        return given().auth().oauth2(token).multiPart("file", "car.png", png(rgb), "image/png").post("/api/media")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> car(String word) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Volvo P1800 " + word);
        body.put("description", "A 1966 coupé, restored.");
        body.put("startingPrice", 5000);
        body.put("endsAt", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("categoryIds", List.of(CARS));
        body.put("attributes", Map.of("condition", "used", "year", 1966, "make", "Volvo", "model", "P1800",
                "mileage", 123000, "fuel", "petrol"));
        return body;
    }

    @Test
    void photosAreCheckedAtMediaServiceAndTheAuctionIsFoundBySearch() throws IOException {
        String seller = FirstBidEndToEndIT.register("Saskia");
        String stranger = FirstBidEndToEndIT.register("Stan");
        String front = upload(seller, 0x336699);
        String back = upload(seller, 0x996633);
        String theirs = upload(stranger, 0x669933);
        String word = "zebra" + UUID.randomUUID().toString().replace("-", "").substring(0, 6).replaceAll("[0-9]", "q");

        Map<String, Object> stolen = car(word);
        stolen.put("photos", List.of(Map.of("mediaId", front), Map.of("mediaId", theirs)));
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(stolen).post("/api/auctions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("photos[1].mediaId"));

        Map<String, Object> body = car(word);
        body.put("photos", List.of(Map.of("mediaId", front), Map.of("mediaId", back, "main", true)));
        String id = given().auth().oauth2(seller).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(201)
                .body("photos.mediaId", contains(front, back))
                .body("photos.main", contains(false, true))
                .extract().path("id");
        String url = given().get("/api/auctions/" + id).then().extract().path("photos[1].thumbnailUrl");
        given().get(url).then().statusCode(200).contentType("image/png");

        given().get("/api/auctions?q=" + word + "&category=vehicles").then().statusCode(200)
                .body("items.id", contains(id));
    }

    @Test
    void aStartThatPassesWhileTheCatalogIsDownIsCaughtUpWhenItIsBack() {
        String seller = FirstBidEndToEndIT.register("Otto");
        Map<String, Object> body = car("scheduled");
        Instant startsAt = Instant.now().plusSeconds(8);
        body.put("startsAt", startsAt.toString());
        String id = given().auth().oauth2(seller).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(201).body("status", equalTo("SCHEDULED")).extract().path("id");
        platform.stopService("auction-service");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(startsAt.plusSeconds(2)));
        } finally {
            platform.startService("auction-service");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/auctions/" + id).then().statusCode(200).body("status", equalTo("ACTIVE")));
    }
}
