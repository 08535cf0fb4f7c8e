package dev.gavel.media;

import dev.gavel.media.repository.MediaRepository;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.CRC32;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MediaServiceTest
class MediaResourceTest {

    /** Tiny WebP images (1x1), lossless (VP8L) and lossy (VP8). */
    static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    static final byte[] WEBP_LOSSY = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    final UUID owner = UUID.randomUUID();
    final String token = TestTokens.user(owner, "Owner");

    @Inject
    MediaRepository media;

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

    /** A JPEG with an EXIF (APP1) segment carrying GPS-looking text right after the SOI marker. */
    static byte[] jpegWithExif() throws IOException {
        byte[] jpeg = image("jpeg", 64, 48);
        byte[] exif = "Exif\0\0GPSLatitude=48.2082 GPSLongitude=16.3738 Camera=SecretCam".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer segment = ByteBuffer.allocate(4 + exif.length).put((byte) 0xFF).put((byte) 0xE1)
                .putShort((short) (exif.length + 2)).put(exif);
        return concat(concat(Arrays.copyOf(jpeg, 2), segment.array()), Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** A PNG whose header claims width x height pixels, followed by no real image data. */
    static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 64);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    @TestHTTPResource("/api/media")
    URI endpoint;

    HttpResponse<String> uploadWithContentLength(String fileName, byte[] bytes) throws Exception {
        String boundary = "gavel" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(concat(concat(head, bytes), tail)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    Response upload(String fileName, byte[] bytes, String contentType) {
        return given().auth().oauth2(token).multiPart("file", fileName, bytes, contentType).post("/api/media");
    }

    @Test
    void pngJpegAndWebpAreAcceptedReencodedAndServed() throws Exception {
        for (String format : new String[] {"png", "jpeg"}) {
            Response created = upload("photo.bin", image(format, 800, 600), "application/octet-stream");
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
            assertEquals(800, ImageIO.read(new ByteArrayInputStream(bytes)).getWidth());

            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
                    given().get("/api/media/" + id + "/thumbnail").then().statusCode(200).extract().asByteArray()));
            assertEquals(320, thumb.getWidth());
            assertEquals(240, thumb.getHeight());

            given().header("If-None-Match", "\"" + sha + "\"").get("/api/media/" + id).then().statusCode(304)
                    .header("ETag", "\"" + sha + "\"");
            given().auth().oauth2(token).get("/api/media/" + id + "/info").then().statusCode(200)
                    .body("ownerId", equalTo(owner.toString())).body("id", equalTo(id));
            // owner ids are not public: no token is 401, someone else gets 404 as if it did not exist
            given().get("/api/media/" + id + "/info").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
            given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Nosy")).get("/api/media/" + id + "/info")
                    .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        }
        for (byte[] webp : new byte[][] {WEBP_LOSSLESS, WEBP_LOSSY}) {
            String id = upload("photo.webp", webp, "image/webp").then().statusCode(201)
                    .body("width", equalTo(1)).body("height", equalTo(1))
                    .body("contentType", equalTo("image/png")) // WebP is stored re-encoded as PNG
                    .extract().path("id");
            assertNotNull(ImageIO.read(new ByteArrayInputStream(given().get("/api/media/" + id).asByteArray())));
        }
    }

    @Test
    void metadataIsStripped() throws Exception {
        byte[] withExif = jpegWithExif();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(withExif)), "the fixture is a valid JPEG");
        String id = upload("holiday.jpg", withExif, "image/jpeg").then().statusCode(201).extract().path("id");
        String served = new String(given().get("/api/media/" + id).asByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(served.contains("Exif"));
        assertFalse(served.contains("GPSLatitude"));
        assertFalse(served.contains("SecretCam"));
    }

    @Test
    void thingsThatAreNotSafeImagesAreRefusedAndNothingIsStored() throws Exception {
        long before = media.count();
        upload("notes.png", "just some text, honest".getBytes(StandardCharsets.UTF_8), "image/png")
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE).body("code", equalTo("UNSUPPORTED_IMAGE_TYPE"));
        byte[] png = image("png", 10, 10);
        upload("broken.png", concat(Arrays.copyOf(png, 16), new byte[200]), "image/png")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("code", equalTo("INVALID_IMAGE"));
        upload("polyglot.png", concat(png, "<html><script>alert(document.cookie)</script></html>"
                .getBytes(StandardCharsets.US_ASCII)), "image/png")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("code", equalTo("SUSPICIOUS_CONTENT"));
        upload("bomb.png", pngHeader(100_000, 100_000), "image/png")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("code", equalTo("IMAGE_TOO_MANY_PIXELS"));
        upload("empty.png", new byte[0], "image/png").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        byte[] eleven = concat(png, new byte[11 * 1024 * 1024]);
        // a browser form declares its length: refused before the body is read, with problem+json
        HttpResponse<String> declared = uploadWithContentLength("huge.png", eleven);
        assertEquals(413, declared.statusCode());
        assertEquals(Problem.MEDIA_TYPE, declared.headers().firstValue("Content-Type").orElse(""));
        assertTrue(declared.body().contains("BODY_TOO_LARGE"), declared.body());
        // a chunked upload is cut off by the HTTP layer at the limit while it streams in
        upload("huge.png", eleven, "image/png").then().statusCode(413);
        given().auth().oauth2(token).multiPart("other", "x.png", png, "image/png").post("/api/media")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("file"));
        given().multiPart("file", "x.png", png, "image/png").post("/api/media").then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(before, media.count(), "nothing was stored");
    }

    @Test
    void onlyTheOwnerDeletes() throws Exception {
        String id = upload("a.png", image("png", 20, 20), "image/png").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Other")).delete("/api/media/" + id)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().get("/api/media/" + id).then().statusCode(200);
        given().auth().oauth2(token).delete("/api/media/" + id).then().statusCode(204);
        given().get("/api/media/" + id).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(token).get("/api/media/" + id + "/info").then().statusCode(404);
    }

    @Test
    void unknownOrPathTraversalLookingIdsAreRefused() {
        given().get("/api/media/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        // paths that try to leave their prefix are refused before any route sees them (CONTRACT §1: 400/404)
        given().urlEncodingEnabled(false).get("/api/media/..%2F..%2Fetc%2Fpasswd").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("PATH_NOT_NORMAL"));
        given().urlEncodingEnabled(false).get("/api/media/%2e%2e/%2e%2e/etc/passwd").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("PATH_NOT_NORMAL"));
        given().get("/api/media/not-an-id/thumbnail").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().get("/api/media/..;/thumbnail").then().statusCode(404);
    }

    @Test
    void theSameBytesAreStoredOnce() throws Exception {
        byte[] png = image("png", 30, 30);
        String a = upload("a.png", png, "image/png").then().statusCode(201).extract().path("sha256");
        String b = upload("b.png", png, "image/png").then().statusCode(201).extract().path("sha256");
        assertEquals(a, b);
        Path stored = Path.of("target/test-media", a.substring(0, 2), a.substring(2, 4), a);
        assertArrayEquals(Files.readAllBytes(stored), given().get("/api/media/" + upload("c.png", png, "image/png")
                .path("id")).asByteArray());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
