package dev.gavel.payment.service;

import dev.gavel.payment.config.PaymentConfig;
import dev.gavel.payment.repository.OrderRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The orders' deadlines: unpaid at {@code dueAt} → CANCELLED; shipped and not confirmed within the receipt timeout →
 * COMPLETED. The state is all in the database, so a restart loses nothing; each replica runs the job, and the rows
 * it takes are locked and skipped by the others ({@code FOR UPDATE SKIP LOCKED}), so each order is handled once.
 */
@ApplicationScoped
public class OrderDeadlines {

    private static final Logger LOG = Logger.getLogger(OrderDeadlines.class);
    private static final int BATCH = 100;

    private final OrderRepository orders;
    private final OrderFulfilment fulfilment;
    private final PaymentConfig config;
    private final Clock clock;

    public OrderDeadlines(OrderRepository orders, OrderFulfilment fulfilment, PaymentConfig config, Clock clock) {
        this.orders = orders;
        this.fulfilment = fulfilment;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${gavel.payment.deadlines-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("the order deadlines could not be looked at now (%s); next time", e.toString());
        }
    }

    /** One pass: the orders due now. @return how many were looked at */
    @Transactional
    public int run() {
        List<UUID> unpaid = orders.dueForDeadline("AWAITING_PAYMENT", "due_at", clock.instant(), BATCH);
        unpaid.forEach(fulfilment::cancelIfUnpaid);
        List<UUID> unconfirmed = orders.dueForDeadline("SHIPPED", "shipped_at",
                clock.instant().minus(config.receiptTimeout()), BATCH);
        unconfirmed.forEach(fulfilment::completeIfStillShipped);
        return unpaid.size() + unconfirmed.size();
    }
}
