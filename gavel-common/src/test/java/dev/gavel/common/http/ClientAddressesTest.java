package dev.gavel.common.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(Optional.of("a shared secret"));

    @Test
    void anAddressHasOneHashWhateverTheThreadAndItsSpelling() throws Exception {
        String here = addresses.hash("2001:DB8::1");
        assertEquals(32, here.length());
        assertEquals(here, addresses.hash(" 2001:db8::1 "), "a MAC is reset after each use");
        assertEquals(here, CompletableFuture.supplyAsync(() -> addresses.hash("2001:db8::1")).get());
        assertNotEquals(here, addresses.hash("2001:db8::2"));
        assertNotEquals(here, new ClientAddresses(Optional.of("another secret")).hash("2001:db8::1"));
    }

    @Test
    void withoutAKeyNoAddressIsKept() {
        assertNull(new ClientAddresses(Optional.empty()).hash("192.0.2.1"));
        assertNull(new ClientAddresses(Optional.of(" ")).hash("192.0.2.1"));
        assertNull(addresses.hash(" "));
    }
}
