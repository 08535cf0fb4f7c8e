package dev.gavel.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shells: every page is served with the strict policy and its own script, no page carries inline script or
 * style, an unknown page is a page and an unknown API path the API's problem+json. (The pages at work, in a real
 * browser against the whole platform, are system-test's WebAppIT.)
 */
@QuarkusTest
class PagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sign-in", "/register", "/verify-email?token=x", "/reset-password", "/account", "/sell",
            "/me/bids", "/me/auctions", "/watchlist", "/orders", "/wallet", "/notifications", "/api-docs",
            "/auctions/8f7e1c32-4a1b-4c55-9d5e-0a1b2c3d4e5f"})
    void everyPageHasTheStrictPolicyItsScriptAndNoInlineCode(String path) {
        String html = given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .extract().asString();
        assertTrue(Pattern.compile("<script type=\"module\" src=\"/static/js/pages/\\w+\\.js\"></script>").matcher(html).find());
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html).find(), "no inline script in " + path);
        assertFalse(html.contains(" style=") || html.contains("<style") || html.contains(" onclick="), "no inline style or handler");
        assertTrue(html.contains("<main id=\"main\"") && html.contains("lang=\"en\""), "landmarks and language");
    }

    @Test
    void unknownThingsAreNotFoundInTheirOwnLanguage() {
        given().accept("text/html").get("/no-such-page").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is no such page"));
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/auctions/not-a-uuid").then().statusCode(404);
    }

    @Test
    void everyScriptThePagesLoadExistsAndNoneWritesMarkup() throws IOException {
        Path js = Path.of("src/main/resources/META-INF/resources/static/js");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template : files.filter(Files::isRegularFile).toList()) {
                var script = Pattern.compile("\\{#script}(\\w+)\\{/script}").matcher(Files.readString(template));
                if (script.find()) {
                    assertTrue(Files.exists(js.resolve("pages/" + script.group(1) + ".js")), template + " loads a script that exists");
                    given().get("/static/js/pages/" + script.group(1) + ".js").then().statusCode(200)
                            .contentType(containsString("javascript"));
                }
            }
        }
        try (Stream<Path> files = Files.walk(js)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                String code = Files.readString(file);
                assertFalse(code.contains("innerHTML") || code.contains("outerHTML") || code.contains("insertAdjacentHTML")
                        || code.contains("document.write") || code.contains("eval("), file + " puts text in as text only");
                assertFalse(code.contains("localStorage.setItem('gavel.token") || code.contains("refreshToken"),
                        file + " keeps no token in storage");
            }
        }
    }

    /** At most 150 KB of script and style per page, gzipped: all of them together stay under it. */
    @Test
    void allTheScriptAndStyleTogetherWeighLessThan150KbGzipped() throws IOException {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/META-INF/resources/static"));
             java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".css")).toList()) {
                gzip.write(Files.readAllBytes(file));
            }
        }
        assertTrue(zipped.size() < 150 * 1024, zipped.size() + " bytes gzipped");
    }
}
