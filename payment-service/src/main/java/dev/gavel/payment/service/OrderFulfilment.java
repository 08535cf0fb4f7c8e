package dev.gavel.payment.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.OrderChanged;
import dev.gavel.payment.Order;
import dev.gavel.payment.Payment;
import dev.gavel.payment.config.PaymentConfig;
import dev.gavel.payment.repository.OrderRepository;
import dev.gavel.payment.repository.PaymentRepository;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What happens to an order after it is paid, or when it is not (CONTRACT §5b): shipment by the seller, receipt by the
 * buyer (or the receipt timeout) releasing the escrow to the seller less the commission, cancellation at the due time
 * with the winner's deposit forfeited to the seller (less the platform's share), the second-chance offer to the
 * runner-up, and an admin's refund. Each runs with the order's row locked and publishes its event.
 */
@ApplicationScoped
public class OrderFulfilment {

    private final OrderRepository orders;
    private final PaymentRepository payments;
    private final Ledger ledger;
    private final OrderEvents events;
    private final OrderOpening opening;
    private final ProviderPayments providerPayments;
    private final PaymentConfig config;
    private final Clock clock;

    public OrderFulfilment(OrderRepository orders, PaymentRepository payments, Ledger ledger, OrderEvents events,
            OrderOpening opening, ProviderPayments providerPayments, PaymentConfig config, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.ledger = ledger;
        this.events = events;
        this.opening = opening;
        this.providerPayments = providerPayments;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public Order ship(Caller seller, UUID orderId, String carrier, String trackingNumber) {
        Order order = lockAsSeller(seller, orderId, "Only the seller ships an order.");
        if (order.status != Order.Status.PAID) {
            throw DomainException.conflict("ORDER_NOT_PAID", "Only a paid order is shipped; this one is " + order.status + ".");
        }
        Instant now = clock.instant();
        order.status = Order.Status.SHIPPED;
        order.carrier = carrier.strip();
        order.trackingNumber = trackingNumber.strip();
        order.shippedAt = now;
        events.changed(order, OrderChanged.Change.SHIPPED, now);
        return order;
    }

    @Transactional
    public Order confirmReceipt(Caller buyer, UUID orderId) {
        Order order = lockAsParty(buyer, orderId);
        if (!order.buyerId.equals(buyer.id())) {
            throw DomainException.forbidden("NOT_THE_BUYER", "Only the buyer confirms receipt.");
        }
        if (order.status != Order.Status.SHIPPED) {
            throw DomainException.conflict("ORDER_NOT_SHIPPED", "Receipt is confirmed once the order is shipped; this "
                    + "one is " + order.status + ".");
        }
        complete(order);
        return order;
    }

    /** A shipped order whose receipt timeout passed completes (run by {@link OrderDeadlines}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void completeIfStillShipped(UUID orderId) {
        Order order = orders.lock(orderId).orElseThrow(Order.NOT_FOUND::exception);
        if (order.status == Order.Status.SHIPPED
                && !clock.instant().isBefore(order.shippedAt.plus(config.receiptTimeout()))) {
            complete(order);
        }
    }

    /** An unpaid order past its due time is cancelled (run by {@link OrderDeadlines}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelIfUnpaid(UUID orderId) {
        Order order = orders.lock(orderId).orElseThrow(Order.NOT_FOUND::exception);
        Instant now = clock.instant();
        if (order.status != Order.Status.AWAITING_PAYMENT || now.isBefore(order.dueAt)) {
            return;
        }
        if (order.depositApplied.signum() > 0) {
            Fees.Forfeit forfeit = Fees.forfeit(order.depositApplied, config.forfeitPlatformPercent());
            ledger.post(Transfer.of("DEPOSIT_FORFEIT", order.id.toString(), "Deposit forfeited: " + order.title,
                    order.currency)
                    .move(forfeit.seller(), Account.escrow(order.id), Account.wallet(order.sellerId))
                    .move(forfeit.platform(), Account.escrow(order.id), Account.platformRevenue()).build());
        }
        order.status = Order.Status.CANCELLED;
        order.cancelledAt = now;
        events.changed(order, OrderChanged.Change.CANCELLED, now);
    }

    /** The seller offers a cancelled order's item to the runner-up at their highest bid. */
    @Transactional
    public Order offerSecondChance(Caller seller, UUID orderId) {
        Order order = lockAsSeller(seller, orderId, "Only the seller offers a second chance.");
        if (!secondChanceAvailable(order)) {
            throw DomainException.conflict("SECOND_CHANCE_UNAVAILABLE", order.status != Order.Status.CANCELLED
                    ? "A second chance is offered once the winner's order is cancelled."
                    : "There is no runner-up to offer this item to, or they have had their offer.");
        }
        Order offer = opening.open(order.auctionId, order.title, order.runnerUpId, order.sellerId,
                order.runnerUpAmount, order.currency, true);
        events.changed(offer, OrderChanged.Change.CREATED, offer.createdAt);
        return offer;
    }

    /** Whether the seller may offer this order's item to the runner-up now. */
    public boolean secondChanceAvailable(Order order) {
        return order.status == Order.Status.CANCELLED && !order.secondChance && order.runnerUpId != null
                && order.runnerUpAmount != null && !orders.exists(order.auctionId, order.runnerUpId);
    }

    /** An admin gives a paid, not yet completed order's money back to the buyer: the order ends REFUNDED. */
    @Transactional
    public Order refund(UUID orderId) {
        Order order = orders.lock(orderId).orElseThrow(Order.NOT_FOUND::exception);
        if (order.status != Order.Status.PAID && order.status != Order.Status.SHIPPED) {
            throw DomainException.conflict("ORDER_NOT_REFUNDABLE", "Only a paid order not yet completed is refunded.");
        }
        Payment byProvider = payments.find("orderId = ?1 and status = ?2", order.id, Payment.Status.SUCCEEDED)
                .firstResultOptional().filter(p -> p.amount.compareTo(order.amountDue()) == 0).orElse(null);
        BigDecimal toProvider = byProvider == null ? BigDecimal.ZERO : byProvider.amount;
        ledger.post(Transfer.of("ORDER_REFUND", order.id.toString(), "Refund: " + order.title, order.currency)
                .move(toProvider, Account.escrow(order.id), Account.providerClearing())
                .move(order.total.subtract(toProvider), Account.escrow(order.id), Account.wallet(order.buyerId))
                .build());
        if (byProvider != null) {
            providerPayments.refund(byProvider);
        }
        order.status = Order.Status.REFUNDED;
        order.cancelledAt = clock.instant();
        events.changed(order, OrderChanged.Change.REFUNDED, order.cancelledAt);
        return order;
    }

    /** The order, locked, if the caller is its buyer or seller; anyone else is told there is no such order. */
    private Order lockAsParty(Caller caller, UUID orderId) {
        return orders.lock(orderId).filter(o -> o.sellerId.equals(caller.id()) || o.buyerId.equals(caller.id()))
                .orElseThrow(Order.NOT_FOUND::exception);
    }

    /** The order, locked, for its seller; its buyer is refused (403), anyone else told there is no such order. */
    private Order lockAsSeller(Caller caller, UUID orderId, String refusal) {
        Order order = lockAsParty(caller, orderId);
        if (!order.sellerId.equals(caller.id())) {
            throw DomainException.forbidden("NOT_THE_SELLER", refusal);
        }
        return order;
    }

    private void complete(Order order) {
        Instant now = clock.instant();
        Fees.Settlement settlement = Fees.settlement(order.hammerPrice, order.buyerPremium,
                config.sellerCommissionPercent());
        ledger.post(Transfer.of("ORDER_SETTLEMENT", order.id.toString(), "Sale of " + order.title, order.currency)
                .move(settlement.sellerCredit(), Account.escrow(order.id), Account.wallet(order.sellerId))
                .move(settlement.platformRevenue(), Account.escrow(order.id), Account.platformRevenue()).build());
        order.status = Order.Status.COMPLETED;
        order.completedAt = now;
        events.changed(order, OrderChanged.Change.COMPLETED, now);
    }
}
