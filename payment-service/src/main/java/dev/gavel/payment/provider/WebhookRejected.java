package dev.gavel.payment.provider;

/** A webhook call that is not provably from the provider: answered 401, nothing of it is used. */
public class WebhookRejected extends RuntimeException {

    public WebhookRejected(String reason) {
        super(reason, null, false, false);
    }
}
