package dev.gavel.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An e-mail verification link: single use, valid 24 hours, known only by its hash. */
@Entity
@Table(name = "email_verification_token")
public class EmailVerificationToken extends SingleUseToken {
}
