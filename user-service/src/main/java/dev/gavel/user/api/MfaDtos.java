package dev.gavel.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Two-factor sign-in (CONTRACT §2b). */
public final class MfaDtos {

    private MfaDtos() {
    }

    /** A pending authenticator: type the secret or scan the URI, then confirm with a code. */
    public record TotpEnrollment(String secret, String otpauthUri) {
    }

    public record CodeRequest(@NotBlank @Size(max = 20) String code) {
    }

    public record RecoveryCodes(List<String> recoveryCodes) {
    }

    public record DisableRequest(@NotBlank @Size(max = 128) String password, @NotBlank @Size(max = 20) String code) {
    }

    /** The answer of a password sign-in when a second factor is needed: no token yet. */
    public record MfaRequired(boolean mfaRequired, String mfaToken, List<String> methods)
            implements UserDtos.SignInAnswer {
    }

    public record EmailCodeRequest(@NotBlank @Size(max = 200) String mfaToken) {
    }

    public record VerifyRequest(@NotBlank @Size(max = 200) String mfaToken,
            @NotBlank @Pattern(regexp = "totp|email|recovery", message = "must be totp, email or recovery") String method,
            @NotBlank @Size(max = 20) String code) {
    }
}
