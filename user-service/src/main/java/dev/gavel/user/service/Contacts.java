package dev.gavel.user.service;

import dev.gavel.events.UserContactChanged;
import dev.gavel.outbox.Outbox;
import dev.gavel.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** Tells the platform where a user may be mailed ({@code user-contact-changed}), in the changing transaction. */
@ApplicationScoped
public class Contacts {

    private final Outbox outbox;
    private final Clock clock;

    public Contacts(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(User user) {
        outbox.publish(new UserContactChanged(UUID.randomUUID(), user.id, user.email, user.emailVerified,
                user.displayName, clock.instant()));
    }
}
