package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.Address;
import dev.gavel.user.User;
import dev.gavel.user.api.AddressDtos.AddressChange;
import dev.gavel.user.api.AddressDtos.AddressView;
import dev.gavel.user.api.AddressDtos.NewAddress;
import dev.gavel.user.repository.AddressRepository;
import dev.gavel.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A user's addresses (CONTRACT §2b): at most {@value Address#MAX_PER_USER}, exactly one principal while any exist (the
 * first one is; choosing another moves it; deleting it hands it to the oldest remaining). Every change locks the
 * user's row, so concurrent changes of one user's addresses happen one after the other.
 */
@ApplicationScoped
@Transactional
public class AddressBook {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final AddressRepository addresses;
    private final UserRepository users;
    private final Clock clock;
    private final ShippingAddresses shipping;

    public AddressBook(AddressRepository addresses, UserRepository users, Clock clock, ShippingAddresses shipping) {
        this.shipping = shipping;
        this.addresses = addresses;
        this.users = users;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AddressView> list(UUID userId) {
        return addresses.of(userId).stream().map(AddressView::of).toList();
    }

    public AddressView add(UUID userId, NewAddress request) {
        String country = country(request.country());
        lockOwner(userId);
        long count = addresses.countOf(userId);
        if (count >= Address.MAX_PER_USER) {
            throw DomainException.conflict("ADDRESS_LIMIT", "At most " + Address.MAX_PER_USER + " addresses.");
        }
        boolean principal = count == 0 || Boolean.TRUE.equals(request.principal());
        if (principal) {
            addresses.clearPrincipal(userId);
        }
        Address a = new Address();
        a.id = UUID.randomUUID();
        a.userId = userId;
        a.label = request.label().trim();
        a.fullName = request.fullName().trim();
        a.line1 = request.line1().trim();
        a.line2 = blankToNull(request.line2());
        a.city = request.city().trim();
        a.postalCode = request.postalCode().trim();
        a.region = blankToNull(request.region());
        a.country = country;
        a.phone = blankToNull(request.phone());
        a.principal = principal;
        a.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        addresses.persist(a);
        shipping.changed(userId);
        return AddressView.of(a);
    }

    public AddressView change(UUID userId, UUID id, AddressChange change) {
        String country = change.country() == null ? null : country(change.country());
        lockOwner(userId);
        Address a = addresses.ofUser(userId, id).orElseThrow(Address.NOT_FOUND::exception);
        if (Boolean.FALSE.equals(change.principal()) && a.principal) {
            throw DomainException.conflict("PRINCIPAL_ADDRESS_REQUIRED",
                    "One address is always the principal one: choose another to move it.");
        }
        if (change.label() != null) {
            a.label = required("label", change.label());
        }
        if (change.fullName() != null) {
            a.fullName = required("fullName", change.fullName());
        }
        if (change.line1() != null) {
            a.line1 = required("line1", change.line1());
        }
        if (change.line2() != null) {
            a.line2 = blankToNull(change.line2());
        }
        if (change.city() != null) {
            a.city = required("city", change.city());
        }
        if (change.postalCode() != null) {
            a.postalCode = required("postalCode", change.postalCode());
        }
        if (change.region() != null) {
            a.region = blankToNull(change.region());
        }
        if (country != null) {
            a.country = country;
        }
        if (change.phone() != null) {
            a.phone = blankToNull(change.phone());
        }
        if (Boolean.TRUE.equals(change.principal()) && !a.principal) {
            addresses.clearPrincipal(userId);
            a.principal = true;
        }
        shipping.changed(userId);
        return AddressView.of(a);
    }

    public void remove(UUID userId, UUID id) {
        lockOwner(userId);
        Address a = addresses.ofUser(userId, id).orElseThrow(Address.NOT_FOUND::exception);
        addresses.delete(a);
        addresses.flush();
        if (a.principal) {
            addresses.of(userId).stream().findFirst().ifPresent(next -> next.principal = true);
        }
        shipping.changed(userId);
    }

    private void lockOwner(UUID userId) {
        users.lock(userId).orElseThrow(User.NOT_FOUND::exception);
    }

    private static String country(String code) {
        String upper = code.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            throw DomainException.invalid("country", "must be an ISO 3166-1 alpha-2 code, such as AT or DE");
        }
        return upper;
    }

    private static String required(String field, String value) {
        if (value.isBlank()) {
            throw DomainException.invalid(field, "must not be blank");
        }
        return value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
