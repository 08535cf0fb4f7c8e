package dev.gavel.payment.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.OrderChanged;
import dev.gavel.payment.Order;
import dev.gavel.payment.Payment;
import dev.gavel.payment.api.PaymentDtos.Checkout;
import dev.gavel.payment.repository.OrderRepository;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Paying an order (CONTRACT §5b): from the wallet at once, or at the provider's checkout (paid when its webhook says
 * so). The amount is always the order's, never the client's. Money that arrives for an order that can no longer be
 * paid (cancelled meanwhile, or paid twice) is never lost: it is credited to the buyer's wallet.
 */
@ApplicationScoped
public class OrderPayments {

    private static final Logger LOG = Logger.getLogger(OrderPayments.class);

    private final OrderRepository orders;
    private final Ledger ledger;
    private final OrderEvents events;
    private final ProviderPayments providerPayments;
    private final Clock clock;

    public OrderPayments(OrderRepository orders, Ledger ledger, OrderEvents events, ProviderPayments providerPayments,
            Clock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.events = events;
        this.providerPayments = providerPayments;
        this.clock = clock;
    }

    @Transactional
    public Order payWithWallet(Caller caller, UUID orderId) {
        Order order = payable(caller, orderId);
        ledger.post(Transfer.of("ORDER_PAYMENT", order.id.toString(), "Payment for " + order.title, order.currency)
                .move(order.amountDue(), Account.wallet(order.buyerId), Account.escrow(order.id)).build());
        markPaid(order, clock.instant());
        return order;
    }

    @Transactional
    public Checkout payWithProvider(Caller caller, UUID orderId) {
        Order order = payable(caller, orderId);
        return providerPayments.start(Payment.Purpose.ORDER, order.buyerId, order.id, order.amountDue(),
                order.currency, "Gavel order: " + order.title);
    }

    /** The provider says the payer paid for the order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void paidByProvider(Payment payment) {
        Order order = orders.lock(payment.orderId).orElseThrow(Order.NOT_FOUND::exception);
        Instant now = clock.instant();
        if (order.status == Order.Status.AWAITING_PAYMENT && payment.amount.compareTo(order.amountDue()) == 0) {
            ledger.post(Transfer.of("ORDER_PAYMENT", order.id.toString(), "Payment for " + order.title, order.currency)
                    .move(payment.amount, Account.providerClearing(), Account.escrow(order.id)).build());
            markPaid(order, now);
            return;
        }
        LOG.infof("payment %s arrived for order %s, which is %s: credited to the buyer's wallet", payment.id, order.id,
                order.status);
        ledger.post(Transfer.of("LATE_PAYMENT_CREDIT", payment.id.toString(),
                "Payment for " + order.title + " (no longer payable) credited", payment.currency)
                .move(payment.amount, Account.providerClearing(), Account.wallet(payment.userId)).build());
    }

    private void markPaid(Order order, Instant now) {
        order.status = Order.Status.PAID;
        order.paidAt = now;
        events.changed(order, OrderChanged.Change.PAID, now);
    }

    private Order payable(Caller caller, UUID orderId) {
        Order order = orders.lock(orderId).filter(o -> o.buyerId.equals(caller.id()))
                .orElseThrow(Order.NOT_FOUND::exception);
        if (!order.payableAt(clock.instant())) {
            throw DomainException.conflict("ORDER_NOT_PAYABLE", "This order is " + order.status
                    + (order.status == Order.Status.AWAITING_PAYMENT ? " but past its due time." : ": nothing to pay."));
        }
        return order;
    }
}
