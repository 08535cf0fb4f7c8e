package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.MfaChallenge;
import dev.gavel.user.MfaTotp;
import dev.gavel.user.RecoveryCode;
import dev.gavel.user.User;
import dev.gavel.user.api.MfaDtos.MfaRequired;
import dev.gavel.user.api.MfaDtos.RecoveryCodes;
import dev.gavel.user.api.MfaDtos.TotpEnrollment;
import dev.gavel.user.api.UserDtos.TokenResponse;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.MfaRepository;
import dev.gavel.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.commons.codec.binary.Base32;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Two-factor sign-in (CONTRACT §2b): a TOTP authenticator (pending until a code confirms it), ten one-time recovery
 * codes, and e-mailed codes as the second method. With it on, a correct password only opens a challenge
 * ({@code mfaToken}, 5 minutes, dead after 5 wrong codes); a right code then gives the token pair with {@code amr}
 * {@code pwd, otp}.
 */
@ApplicationScoped
@Transactional
public class MfaService {

    public static final List<String> METHODS = List.of("totp", "email", "recovery");
    private static final String INVALID_CODE = "INVALID_MFA_CODE";
    private static final String INVALID_TOKEN = "INVALID_MFA_TOKEN";

    private final SecureRandom random = new SecureRandom();
    private final MfaRepository mfa;
    private final UserRepository users;
    private final TokenService tokens;
    private final SecretBox box;
    private final Mails mails;
    private final RateLimits limits;
    private final UserConfig config;
    private final Clock clock;

    public MfaService(MfaRepository mfa, UserRepository users, TokenService tokens, SecretBox box, Mails mails,
            RateLimits limits, UserConfig config, Clock clock) {
        this.mfa = mfa;
        this.users = users;
        this.tokens = tokens;
        this.box = box;
        this.mails = mails;
        this.limits = limits;
        this.config = config;
        this.clock = clock;
    }

    /** A new pending authenticator (replacing a pending one); 409 when two-factor sign-in is on already. */
    public TotpEnrollment enrol(UUID userId) {
        User user = users.lock(userId).orElseThrow(User.NOT_FOUND::exception);
        MfaTotp totp = mfa.lockTotp(userId).orElse(null);
        if (totp != null && totp.confirmedAt != null) {
            throw DomainException.conflict("MFA_ALREADY_ENABLED", "Two-factor sign-in is on already.");
        }
        byte[] secret = Totp.newSecret();
        boolean fresh = totp == null;
        if (fresh) {
            totp = new MfaTotp();
            totp.userId = userId;
        }
        totp.secretEncrypted = box.seal(secret);
        totp.createdAt = clock.instant();
        totp.lastUsedStep = 0;
        if (fresh) {
            mfa.persist(totp);
        }
        return new TotpEnrollment(Totp.base32(secret), Totp.uri(config.mfa().issuer(), user.email, secret));
    }

    /** A first code from the app turns two-factor sign-in on and gives the ten recovery codes (shown once). */
    public RecoveryCodes confirm(UUID userId, String code) {
        MfaTotp totp = mfa.lockTotp(userId).filter(t -> t.confirmedAt == null).orElseThrow(() ->
                DomainException.conflict("NO_PENDING_AUTHENTICATOR", "Start the set-up first (POST /api/auth/mfa/totp)."));
        OptionalLong step = Totp.verify(box.open(totp.secretEncrypted), code.trim(), clock.instant(), totp.lastUsedStep);
        if (step.isEmpty()) {
            throw DomainException.badRequest(INVALID_CODE, "The code is not right; check the app's clock.");
        }
        totp.lastUsedStep = step.getAsLong();
        totp.confirmedAt = clock.instant();
        mfa.deleteRecoveryCodes(userId);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String recovery = recoveryCode();
            RecoveryCode row = new RecoveryCode();
            row.id = UUID.randomUUID();
            row.userId = userId;
            row.codeHash = TokenService.sha256(normalise(recovery));
            mfa.persist(row);
            codes.add(recovery);
        }
        return new RecoveryCodes(codes);
    }

    /** Turns two-factor sign-in off: the password and a current code (from the app or a recovery code). */
    public void disable(UUID userId, String password, String code) {
        User user = users.lock(userId).orElseThrow(User.NOT_FOUND::exception);
        if (!Passwords.matches(password, user.passwordHash)) {
            throw DomainException.forbidden("WRONG_PASSWORD", "The password is not right.");
        }
        MfaTotp totp = mfa.lockTotp(userId).filter(t -> t.confirmedAt != null).orElseThrow(() ->
                DomainException.conflict("MFA_NOT_ENABLED", "Two-factor sign-in is not on."));
        if (!totpMatches(totp, code) && !recoveryMatches(userId, code)) {
            throw DomainException.badRequest(INVALID_CODE, "The code is not right.");
        }
        mfa.remove(totp);
        mfa.deleteRecoveryCodes(userId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean enabled(UUID userId) {
        return mfa.enabled(userId);
    }

    /** The challenge a correct password opens when two-factor sign-in is on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public MfaRequired challenge(User user) {
        String token = tokens.randomToken();
        MfaChallenge challenge = new MfaChallenge();
        challenge.id = UUID.randomUUID();
        challenge.userId = user.id;
        challenge.tokenHash = TokenService.sha256(token);
        challenge.expiresAt = clock.instant().plus(config.mfa().challengeLifetime());
        mfa.persist(challenge);
        return new MfaRequired(true, token, METHODS);
    }

    /** Mails a 6-digit code for the challenge (a new one replaces the last); limited like other mails. */
    public void sendEmailCode(String mfaToken, String client) {
        MfaChallenge challenge = live(mfaToken);
        User user = users.findByIdOptional(challenge.userId).orElseThrow(TokenService::invalidMfaToken);
        limits.take(AccountService.ABUSE_LIMITED, RateLimits.Limit.ABUSE_CLIENT, client,
                RateLimits.Limit.ABUSE_EMAIL, user.email);
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        challenge.emailCodeHash = TokenService.sha256(code);
        challenge.emailCodeExpiresAt = clock.instant().plus(config.mfa().emailCodeLifetime());
        mails.signInCode(user.email, user.displayName, code, config.mfa().emailCodeLifetime().toMinutes());
    }

    /**
     * Checks the second factor. A wrong code counts against the challenge (kept even though the answer is an error);
     * the fifth kills it. A right one spends the challenge and signs in.
     */
    @Transactional(dontRollbackOn = DomainException.class)
    public TokenResponse verify(String mfaToken, String method, String code) {
        MfaChallenge challenge = live(mfaToken);
        User user = users.findByIdOptional(challenge.userId).orElseThrow(TokenService::invalidMfaToken);
        boolean right = switch (method) {
            case "totp" -> mfa.lockTotp(user.id).filter(t -> t.confirmedAt != null).map(t -> totpMatches(t, code))
                    .orElse(false);
            case "email" -> challenge.emailCodeHash != null && challenge.emailCodeExpiresAt.isAfter(clock.instant())
                    && java.security.MessageDigest.isEqual(challenge.emailCodeHash.getBytes(),
                            TokenService.sha256(code.trim()).getBytes());
            case "recovery" -> recoveryMatches(user.id, code);
            default -> false;
        };
        if (!right) {
            challenge.failures++;
            throw DomainException.unauthorized(INVALID_CODE, "The code is not right ("
                    + Math.max(0, config.mfa().maxFailures() - challenge.failures) + " attempts left).");
        }
        if (user.status == User.Status.SUSPENDED) {
            throw DomainException.forbidden("ACCOUNT_SUSPENDED", "This account is suspended.");
        }
        challenge.usedAt = clock.instant();
        return AccountService.respond(tokens.issue(user, TokenService.PASSWORD_AND_OTP));
    }

    private MfaChallenge live(String mfaToken) {
        Instant now = clock.instant();
        return mfa.lockChallenge(TokenService.sha256(mfaToken))
                .filter(c -> c.usableAt(now) && c.failures < config.mfa().maxFailures())
                .orElseThrow(TokenService::invalidMfaToken);
    }

    private boolean totpMatches(MfaTotp totp, String code) {
        OptionalLong step = Totp.verify(box.open(totp.secretEncrypted), code.trim(), clock.instant(), totp.lastUsedStep);
        step.ifPresent(s -> totp.lastUsedStep = s);
        return step.isPresent();
    }

    private boolean recoveryMatches(UUID userId, String code) {
        String hash = TokenService.sha256(normalise(code));
        for (RecoveryCode recovery : mfa.unusedRecoveryCodes(userId)) {
            if (java.security.MessageDigest.isEqual(recovery.codeHash.getBytes(), hash.getBytes())) {
                recovery.usedAt = clock.instant();
                return true;
            }
        }
        return false;
    }

    /** Ten Base32 characters (50 bits) in two groups: {@code abcde-fghij}. */
    private String recoveryCode() {
        byte[] bytes = new byte[7];
        random.nextBytes(bytes);
        String text = new Base32().encodeToString(bytes).substring(0, 10).toLowerCase(Locale.ROOT);
        return text.substring(0, 5) + "-" + text.substring(5);
    }

    private static String normalise(String code) {
        return code.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    }
}
