package dev.gavel.media;

import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestTokens;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small files that decode to huge rasters: refused or decoded smaller, never an OutOfMemoryError. */
@MediaServiceTest
class DecodingBombTest {

    final String token = TestTokens.user(UUID.randomUUID(), "Bomber");

    /** A real, valid PNG of width x height black pixels; its size is a few hundred KB whatever the raster. */
    static byte[] blackPng(int width, int height, int bitDepth, int colorType, int bytesPerPixel) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + width * bytesPerPixel]; // filter type 0, then black samples
            for (int y = 0; y < height; y++) {
                zlib.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    Response upload(byte[] png) {
        return given().auth().oauth2(token).multiPart("file", "bomb.png", png, "image/png").post("/api/media");
    }

    @Test
    void twoSixteenBitFortyMegapixelPngsAtOnceAreRefusedAndTheServiceStaysLive() throws Exception {
        // 6300 x 6300 RGBA, 16 bits per sample: under 40 MP, about 0.3 MB on the wire, 317 MB once decoded
        byte[] bomb = blackPng(6300, 6300, 16, 6, 8);
        assertTrue(bomb.length < 1_000_000, "a small file: " + bomb.length);
        List<CompletableFuture<Response>> uploads = List.of(
                CompletableFuture.supplyAsync(() -> upload(bomb)), CompletableFuture.supplyAsync(() -> upload(bomb)));
        for (CompletableFuture<Response> upload : uploads) {
            Response response = upload.join();
            int status = response.statusCode();
            assertTrue(status == 400 || status == 503, "refused, not decoded: " + status + " " + response.asString());
            assertEquals(Problem.MEDIA_TYPE, response.contentType());
        }
        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(token).multiPart("file", "ok.png", blackPng(64, 48, 8, 2, 3), "image/png")
                .post("/api/media").then().statusCode(201).body("width", equalTo(64));
    }

    @Test
    void anImageAboveTheRasterBudgetIsDecodedWithSubsampling() throws Exception {
        // 4000 x 4000 RGBA, 8 bits: 64 MB decoded, more than the 48 MiB budget: every 2nd pixel of every 2nd row
        upload(blackPng(4000, 4000, 8, 6, 4)).then().statusCode(201)
                .body("width", equalTo(2000)).body("height", equalTo(2000));
    }
}
