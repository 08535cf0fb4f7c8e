package dev.gavel.user.api;

import dev.gavel.user.Address;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Addresses (CONTRACT §2b). */
public final class AddressDtos {

    private AddressDtos() {
    }

    public record AddressView(UUID id, String label, String fullName, String line1, String line2, String city,
            String postalCode, String region, String country, String phone, boolean principal) {

        public static AddressView of(Address a) {
            return new AddressView(a.id, a.label, a.fullName, a.line1, a.line2, a.city, a.postalCode, a.region,
                    a.country, a.phone, a.principal);
        }
    }

    /** A new address: every required line, and {@code principal} to make it the principal one. */
    public record NewAddress(
            @NotBlank @Size(max = 60) String label,
            @NotBlank @Size(max = 120) String fullName,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @Size(max = 100) String region,
            @NotBlank @Size(min = 2, max = 2) String country,
            @Size(max = 40) String phone,
            Boolean principal) {
    }

    /** A change: only the fields present change; a required line cannot become blank. */
    public record AddressChange(
            @Size(min = 1, max = 60) String label,
            @Size(min = 1, max = 120) String fullName,
            @Size(min = 1, max = 200) String line1,
            @Size(max = 200) String line2,
            @Size(min = 1, max = 100) String city,
            @Size(min = 1, max = 20) String postalCode,
            @Size(max = 100) String region,
            @Size(min = 2, max = 2) String country,
            @Size(max = 40) String phone,
            Boolean principal) {
    }
}
