package dev.gavel.common.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/bids, true",
            "/api/bids/, true",
            "/api/auctions/5b7a1f1e-0000-4000-8000-000000000000, true",
            "/ws/auctions/abc, true",
            "/api/auctions/caf%C3%A9, true",          // other encodings are fine
            "/api/bids/../../q/health, false",
            "/api/bids/./state, false",
            "/api/bids/.., false",
            "/ws/%2e%2e/q/metrics, false",
            "/ws/%2E%2E/q/metrics, false",
            "/api/bids/%2fq%2fhealth, false",
            "/api/bids/%5C..%5Cq, false",
            "/api/bids/%252e%252e/q, false",          // double encoding
            "/api/bids\\..\\q\\health, false",
            "/api/bids//q/health, false",
            "api/bids, false",
    })
    void onlyNormalPathsAreForwarded(String path, boolean normal) {
        assertEquals(normal, NormalPaths.isNormal(path));
    }

    @ParameterizedTest
    @CsvSource({"/q, true", "/q/health, true", "/Q/metrics, true", "/qux, false", "/api/q/health, false"})
    void managementPathsAreKnown(String path, boolean management) {
        assertEquals(management, NormalPaths.isManagement(path));
    }
}
