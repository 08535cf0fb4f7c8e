package dev.gavel.payment.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.OrderChanged;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.ProcessedEvents;
import dev.gavel.payment.AuctionTerms;
import dev.gavel.payment.Order;
import dev.gavel.payment.config.PaymentConfig;
import dev.gavel.payment.repository.AuctionTermsRepository;
import dev.gavel.payment.repository.OrderRepository;
import dev.gavel.payment.repository.ShippingAddressRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Opens orders: one for the winner of every SOLD auction ({@code auction-closed}, exactly once per event and at most
 * once per auction and buyer), and a second-chance order for the runner-up when the seller offers it. Deposits are
 * settled in the same transaction.
 */
@ApplicationScoped
public class OrderOpening {

    static final String CONSUMER = "payment-service";

    private final OrderRepository orders;
    private final AuctionTermsRepository terms;
    private final ShippingAddressRepository addresses;
    private final Deposits deposits;
    private final OrderEvents events;
    private final ProcessedEvents processed;
    private final PaymentConfig config;
    private final Clock clock;

    public OrderOpening(OrderRepository orders, AuctionTermsRepository terms, ShippingAddressRepository addresses,
            Deposits deposits, OrderEvents events, ProcessedEvents processed, PaymentConfig config, Clock clock) {
        this.orders = orders;
        this.terms = terms;
        this.addresses = addresses;
        this.deposits = deposits;
        this.events = events;
        this.processed = processed;
        this.config = config;
        this.clock = clock;
    }

    /** The auction ended: an order for its winner when SOLD, and every deposit settled. Once per event id. */
    @Transactional
    public void closed(AuctionClosed event) {
        if (!processed.firstTime(event.eventId(), CONSUMER)) {
            return;
        }
        // the close may overtake the terms (two topics): then the auction is remembered from the close, as closed, so
        // no deposit is taken later
        AuctionTerms fromClose = new AuctionTerms();
        fromClose.auctionId = event.auctionId();
        fromClose.sellerId = event.sellerId();
        fromClose.title = event.title() != null ? event.title() : "Auction " + event.auctionId();
        fromClose.currency = event.currency();
        fromClose.endsAt = event.closedAt();
        fromClose.closed = true;
        fromClose.publishedAt = Instant.EPOCH;
        AuctionTerms known = terms.insertIfAbsentAndLock(fromClose);
        known.closed = true;
        Order order = null;
        if (event.outcome() == Outcome.SOLD && event.winnerId() != null
                && !orders.hasWinnersOrder(event.auctionId())) {
            order = open(event.auctionId(), known.title, event.winnerId(), event.sellerId(), event.finalPrice(),
                    event.currency(), false);
            order.runnerUpId = event.runnerUpId();
            order.runnerUpAmount = event.runnerUpAmount();
        }
        deposits.settleAtClose(event.auctionId(), order);
        if (order != null) {
            Instant now = clock.instant();
            events.changed(order, OrderChanged.Change.CREATED, now);
            if (order.amountDue().signum() == 0) {
                // the deposit paid it all
                order.status = Order.Status.PAID;
                order.paidAt = now;
                events.changed(order, OrderChanged.Change.PAID, now);
            }
        }
    }

    /** A new order awaiting payment, due after the configured time, shipping to the buyer's principal address. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Order open(UUID auctionId, String title, UUID buyerId, UUID sellerId, BigDecimal hammerPrice,
            String currency, boolean secondChance) {
        Instant now = clock.instant();
        Fees.OrderAmounts amounts = Fees.order(hammerPrice, config.buyerPremiumPercent());
        Order order = new Order();
        order.id = UUID.randomUUID();
        order.auctionId = auctionId;
        order.title = title;
        order.buyerId = buyerId;
        order.sellerId = sellerId;
        order.status = Order.Status.AWAITING_PAYMENT;
        order.hammerPrice = amounts.hammerPrice();
        order.buyerPremium = amounts.buyerPremium();
        order.total = amounts.total();
        order.depositApplied = BigDecimal.ZERO.setScale(2);
        order.currency = currency;
        order.dueAt = now.plus(config.paymentDue());
        order.shippingAddress = addresses.of(buyerId).orElse(null);
        order.secondChance = secondChance;
        order.createdAt = now;
        orders.persist(order);
        return order;
    }
}
