package dev.gavel.media;

import dev.gavel.testkit.JwtKeysResource;
import dev.gavel.testkit.PostgresResource;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(JwtKeysResource.class)
class MediaResourceTest {

    static final String PROBLEM = "application/problem+json";
    final UUID owner = UUID.randomUUID();
    final String token = TestTokens.user(owner, "Owner");

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    Response upload(String fileName, byte[] bytes, String contentType) {
        return given().auth().oauth2(token).multiPart("file", fileName, bytes, contentType).post("/api/media");
    }

    @Test
    void pngAndJpegAreAcceptedReencodedAndServed() throws Exception {
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] original = image(format, 800, 600);
            // a text comment after the image data (as metadata or a polyglot would add) must not survive
            byte[] withTrailer = concat(original, "<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII));
            Response created = upload("photo.bin", withTrailer, "application/octet-stream");
            created.then().statusCode(201)
                    .body("contentType", equalTo("image/" + format))
                    .body("width", equalTo(800)).body("height", equalTo(600));
            String id = created.path("id");
            String sha = created.path("sha256");

            Response served = given().get("/api/media/" + id);
            served.then().statusCode(200).contentType("image/" + format)
                    .header("ETag", "\"" + sha + "\"")
                    .header("Cache-Control", "public, max-age=31536000, immutable")
                    .header("X-Content-Type-Options", "nosniff");
            byte[] bytes = served.asByteArray();
            assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("<script>"));
            assertEquals(800, ImageIO.read(new ByteArrayInputStream(bytes)).getWidth());

            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
                    given().get("/api/media/" + id + "/thumbnail").then().statusCode(200).extract().asByteArray()));
            assertEquals(320, thumb.getWidth());
            assertEquals(240, thumb.getHeight());

            given().header("If-None-Match", "\"" + sha + "\"").get("/api/media/" + id).then().statusCode(304);
        }
    }

    @Test
    void thingsThatAreNotImagesAreRefused() throws Exception {
        upload("notes.png", "just some text, honest".getBytes(StandardCharsets.UTF_8), "image/png")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("UNSUPPORTED_IMAGE_TYPE"));
        byte[] png = image("png", 10, 10);
        byte[] truncated = concat(java.util.Arrays.copyOf(png, 16), new byte[200]);
        upload("broken.png", truncated, "image/png")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("INVALID_IMAGE"));
        upload("empty.png", new byte[0], "image/png").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(token).multiPart("other", "x.png", png, "image/png").post("/api/media")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("file"));
        given().multiPart("file", "x.png", png, "image/png").post("/api/media").then().statusCode(401);
    }

    @Test
    void onlyTheOwnerDeletes() throws Exception {
        String id = upload("a.png", image("png", 20, 20), "image/png").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Other")).delete("/api/media/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().get("/api/media/" + id).then().statusCode(200);
        given().auth().oauth2(token).delete("/api/media/" + id).then().statusCode(204);
        given().get("/api/media/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        given().get("/api/media/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().get("/api/media/..%2F..%2Fetc%2Fpasswd").then().statusCode(404);
        given().get("/api/media/not-an-id/thumbnail").then().statusCode(404).contentType(startsWith(PROBLEM));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void theSameBytesAreStoredOnce() throws Exception {
        byte[] png = image("png", 30, 30);
        String a = upload("a.png", png, "image/png").then().statusCode(201).extract().path("sha256");
        String b = upload("b.png", png, "image/png").then().statusCode(201).extract().path("sha256");
        assertEquals(a, b);
        assertArrayEquals(given().get("/api/media/" + upload("c.png", png, "image/png").path("id")).asByteArray(),
                given().get("/api/media/" + upload("d.png", png, "image/png").path("id")).asByteArray());
    }
}
