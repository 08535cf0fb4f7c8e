package dev.gavel.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.UserAddressChanged;
import dev.gavel.payment.AuctionTerms;
import dev.gavel.payment.repository.AuctionTermsRepository;
import dev.gavel.payment.repository.ShippingAddressRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What payment-service keeps from other services' events, so that it never calls them: an auction's title, currency
 * and deposit ({@code auction-published}, the newest publication wins) and each user's principal address
 * ({@code user-address-changed}, the newest change wins). Applying an event twice changes nothing.
 */
@ApplicationScoped
@Transactional
public class CatalogKnowledge {

    private final AuctionTermsRepository terms;
    private final ShippingAddressRepository addresses;
    private final ObjectMapper mapper;

    public CatalogKnowledge(AuctionTermsRepository terms, ShippingAddressRepository addresses, ObjectMapper mapper) {
        this.terms = terms;
        this.addresses = addresses;
        this.mapper = mapper;
    }

    public void apply(AuctionPublished event) {
        AuctionTerms published = new AuctionTerms();
        published.auctionId = event.auctionId();
        copy(event, published);
        AuctionTerms known = terms.insertIfAbsentAndLock(published);
        if (event.publishedAt().isAfter(known.publishedAt)) {
            copy(event, known); // newer terms (a close that came first stored none: its publishedAt is the epoch)
        }
    }

    /** The newest address; an order made before any address was known ships to it while it is not yet shipped. */
    public void apply(UserAddressChanged event) {
        try {
            String address = event.address() == null ? null : mapper.writeValueAsString(event.address());
            addresses.change(event.userId(), address, event.at());
            if (address != null) {
                addresses.fillMissingOnOpenOrders(event.userId(), address);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an address that cannot be written as JSON", e);
        }
    }

    private static void copy(AuctionPublished event, AuctionTerms known) {
        known.sellerId = event.sellerId();
        known.title = event.title();
        known.currency = event.currency();
        known.depositRequired = event.depositRequired();
        known.endsAt = event.endsAt();
        known.publishedAt = event.publishedAt();
    }
}
