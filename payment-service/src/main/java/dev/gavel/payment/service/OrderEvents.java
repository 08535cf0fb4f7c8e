package dev.gavel.payment.service;

import dev.gavel.events.OrderChanged;
import dev.gavel.payment.Order;
import dev.gavel.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Every transition of an order is published through the outbox, in the transaction that makes it. */
@ApplicationScoped
public class OrderEvents {

    private final Outbox outbox;

    public OrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Order order, OrderChanged.Change change, Instant at) {
        outbox.publish(new OrderChanged(UUID.randomUUID(), change, order.id, order.auctionId, order.buyerId,
                order.sellerId, order.title, order.total, order.currency, order.secondChance, order.dueAt,
                order.carrier, order.trackingNumber, at));
    }
}
