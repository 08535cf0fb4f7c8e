package dev.gavel.user;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A password reset sent by e-mail: single use, short-lived, known only by its hash. */
@Entity
@Table(name = "password_reset_token")
public class PasswordResetToken extends SingleUseToken {
}
