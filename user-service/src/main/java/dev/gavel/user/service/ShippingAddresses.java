package dev.gavel.user.service;

import dev.gavel.events.UserAddressChanged;
import dev.gavel.events.UserAddressChanged.PostalAddress;
import dev.gavel.outbox.Outbox;
import dev.gavel.user.Address;
import dev.gavel.user.repository.AddressRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * Tells the platform a user's principal address ({@code user-address-changed}) in the changing transaction: orders
 * ship there, and payment-service snapshots it into each new order.
 */
@ApplicationScoped
public class ShippingAddresses {

    private final AddressRepository addresses;
    private final Outbox outbox;
    private final Clock clock;

    public ShippingAddresses(AddressRepository addresses, Outbox outbox, Clock clock) {
        this.addresses = addresses;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Publishes the user's principal address as it is now (none when they have no address left). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(UUID userId) {
        addresses.flush();
        PostalAddress principal = addresses.of(userId).stream().filter(a -> a.principal).findFirst()
                .map(ShippingAddresses::postal).orElse(null);
        outbox.publish(new UserAddressChanged(UUID.randomUUID(), userId, principal, clock.instant()));
    }

    private static PostalAddress postal(Address a) {
        return new PostalAddress(a.fullName, a.line1, a.line2, a.city, a.postalCode, a.region, a.country, a.phone);
    }
}
