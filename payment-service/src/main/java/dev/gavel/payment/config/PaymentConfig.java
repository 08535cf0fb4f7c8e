package dev.gavel.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** payment-service's settings ({@code gavel.payment.*}, see application.properties). */
@ConfigMapping(prefix = "gavel.payment")
public interface PaymentConfig {

    /** The buyer's premium, in percent of the hammer price, added to the order's total. */
    @WithDefault("10")
    BigDecimal buyerPremiumPercent();

    /** The seller's commission, in percent of the hammer price, kept from what the seller is credited. */
    @WithDefault("5")
    BigDecimal sellerCommissionPercent();

    /** When a forfeited deposit goes to the seller, the platform keeps this percentage of it. */
    @WithDefault("20")
    BigDecimal forfeitPlatformPercent();

    /** An order unpaid this long after it was created is cancelled. */
    @WithDefault("PT72H")
    Duration paymentDue();

    /** A shipped order the buyer neither confirms nor disputes is completed this long after shipment. */
    @WithDefault("P14D")
    Duration receiptTimeout();

    /** How often unpaid and unconfirmed orders are looked at. */
    @WithDefault("10s")
    Duration deadlinesInterval();

    /** The currency of a wallet when the request names none. */
    @WithDefault("EUR")
    String defaultCurrency();

    /** The largest single top-up or withdrawal. */
    @WithDefault("10000.00")
    BigDecimal maxTransfer();

    /** The payment provider of new payments: {@code sandbox} or {@code stripe}. */
    @WithDefault("sandbox")
    String provider();

    /** How far a webhook's timestamp may be from now. */
    @WithDefault("PT5M")
    Duration webhookTolerance();

    Sandbox sandbox();

    Stripe stripe();

    interface Sandbox {

        /**
         * Whether the sandbox exists at all. Off by default: its checkout approves payments without money, so only a
         * local or demo platform turns it on (./run, compose, tests); a real deployment configures Stripe.
         */
        @WithDefault("false")
        boolean enabled();

        /** The HMAC-SHA256 key the sandbox signs its webhook calls with (required when the sandbox is on). */
        Optional<String> webhookSecret();

        /** Where the sandbox sends its webhooks; by default this service's own endpoint. */
        Optional<String> webhookUrl();

        /** How often waiting webhook calls are sent. */
        @WithDefault("1s")
        Duration deliveryInterval();

        /** Send every webhook twice (real providers do, sometimes). */
        @WithDefault("false")
        boolean duplicateDeliveries();

        /** Delay each call by up to this much at random, so that calls may arrive out of order. */
        @WithDefault("PT0S")
        Duration reorderWindow();

        /** The longest wait between two attempts of a failing call. */
        @WithDefault("PT5M")
        Duration maxBackoff();
    }

    interface Stripe {

        /** The secret API key; Stripe is off without it. */
        Optional<String> apiKey();

        /** The webhook endpoint's signing secret ({@code whsec_...}). */
        Optional<String> webhookSecret();

        /** Where Stripe's checkout sends the payer back to. */
        @WithDefault("http://localhost:8080/orders")
        String returnUrl();
    }
}
