package dev.gavel.gateway;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Before each test: the gateway takes watchers only once its live relay is positioned (it answers 4503 before), so
 * a test waits for that as a client would wait for readiness.
 */
public class RelayPositioned implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(given().get("/q/health/ready")
                .then().extract().path("checks.find { it.name == 'live relay' }.status")));
    }
}
