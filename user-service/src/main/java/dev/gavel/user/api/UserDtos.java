package dev.gavel.user.api;

import dev.gavel.user.User;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Request and response bodies of user-service (CONTRACT §2). */
public final class UserDtos {

    private UserDtos() {
    }

    public record Company(
            @NotBlank @Size(max = 200) String legalName,
            @NotBlank @Size(max = 200) String tradeName,
            @NotBlank @Size(max = 50) String taxId) {
    }

    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 128) String password,
            @NotBlank @Size(max = 60) String displayName,
            @NotNull User.AccountType accountType,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 40) String phone,
            @Valid Company company,
            Boolean anonymousBidding) {
    }

    public record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {
    }

    public record Profile(UUID id, String email, String displayName, User.AccountType accountType, String firstName,
            String lastName, String phone, Company company, boolean anonymousBidding, Set<String> roles,
            Instant createdAt, boolean emailVerified) {

        public static Profile of(User user) {
            Company company = user.accountType == User.AccountType.COMPANY
                    ? new Company(user.companyLegalName, user.companyTradeName, user.companyTaxId)
                    : null;
            return new Profile(user.id, user.email, user.displayName, user.accountType, user.firstName,
                    user.lastName, user.phone, company, user.anonymousBidding, user.roleSet(), user.createdAt,
                    user.emailVerified);
        }
    }

    public record PublicProfile(UUID id, String displayName, User.AccountType accountType, Instant memberSince) {

        public static PublicProfile of(User user) {
            return new PublicProfile(user.id, user.displayName, user.accountType, user.createdAt);
        }
    }

    /** What a correct password answers: the token pair, or (two-factor sign-in on) a challenge. */
    public interface SignInAnswer {
    }

    public record TokenResponse(Profile user, String accessToken, String refreshToken, String tokenType,
            long expiresIn) implements SignInAnswer {
    }

    public record VerifyEmailRequest(@NotBlank @Size(max = 200) String token) {
    }

    public record EmailCheck(boolean exists) {
    }

    /** The refresh token, or none when it travels in the {@code gavel_refresh} cookie. */
    public record RefreshRequest(@Size(max = 200) String refreshToken) {
    }

    public record PasswordChangeRequest(@NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(min = 10, max = 128) String newPassword) {
    }

    public record PasswordResetRequest(@NotBlank @Size(max = 254) String email) {
    }

    public record PasswordResetConfirmation(@NotBlank @Size(max = 200) String token,
            @NotNull @Size(min = 10, max = 128) String newPassword) {
    }

    /** The writable part of the profile; any other member of the body (roles, email, id, ...) is ignored. */
    public record ProfileUpdate(
            @Size(min = 1, max = 60) String displayName,
            @Size(max = 100) String firstName,
            @Size(max = 100) String lastName,
            @Size(max = 40) String phone,
            @Valid Company company,
            Boolean anonymousBidding) {
    }

    /** An account as administrators see it (CONTRACT §2b). */
    public record AdminUserView(UUID id, String email, String displayName, Set<String> roles, User.Status status,
            boolean emailVerified, Instant createdAt, Instant suspendedAt, String suspensionReason) {

        public static AdminUserView of(User user) {
            return new AdminUserView(user.id, user.email, user.displayName, user.roleSet(), user.status,
                    user.emailVerified, user.createdAt, user.suspendedAt, user.suspensionReason);
        }
    }

    public record SuspensionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record AuditView(UUID id, UUID adminId, UUID userId, String action, String reason, Instant at) {

        public static AuditView of(dev.gavel.user.AuditEntry entry) {
            return new AuditView(entry.id, entry.adminId, entry.userId, entry.action, entry.reason, entry.at);
        }
    }
}
