package dev.gavel.payment.provider;

import java.util.UUID;

/**
 * What a verified webhook call says, in the provider's neutral terms. {@code eventId} is the provider's id of the
 * event (a repeated call carries the same one); {@code paymentId} is ours, as we gave it at checkout.
 */
public record ProviderEvent(String eventId, Type type, UUID paymentId) {

    public enum Type {
        /** The payer paid. */
        PAYMENT_SUCCEEDED,
        /** The payer declined, or the checkout expired. */
        PAYMENT_FAILED,
        /** A withdrawal reached the user. */
        PAYOUT_PAID,
        /** A withdrawal could not be paid out: the money goes back to the wallet. */
        PAYOUT_FAILED,
        /** Nothing for us (a refund's confirmation, an event we do not use). */
        IGNORED
    }
}
