package dev.gavel.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.Page;
import dev.gavel.events.UserAddressChanged.PostalAddress;
import dev.gavel.payment.Order;
import dev.gavel.payment.api.PaymentDtos.OrderView;
import dev.gavel.payment.config.PaymentConfig;
import dev.gavel.payment.repository.OrderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Orders as their buyer, their seller or an admin sees them; anyone else is told there is no such order (404). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OrderQueries {

    /** Once paid, the seller needs the address to ship. */
    private static final Set<Order.Status> SELLER_SEES_ADDRESS = EnumSet.of(Order.Status.PAID, Order.Status.SHIPPED,
            Order.Status.COMPLETED);

    public enum Role { BUYER, SELLER }

    private final OrderRepository orders;
    private final OrderFulfilment fulfilment;
    private final PaymentConfig config;
    private final ObjectMapper mapper;

    public OrderQueries(OrderRepository orders, OrderFulfilment fulfilment, PaymentConfig config, ObjectMapper mapper) {
        this.orders = orders;
        this.fulfilment = fulfilment;
        this.config = config;
        this.mapper = mapper;
    }

    public OrderView view(UUID callerId, boolean admin, UUID orderId) {
        Order order = orders.findByIdOptional(orderId)
                .filter(o -> admin || o.buyerId.equals(callerId) || o.sellerId.equals(callerId))
                .orElseThrow(Order.NOT_FOUND::exception);
        return view(order, callerId, admin);
    }

    public Page<OrderView> list(UUID callerId, Role role, int page, int size) {
        List<Order> found = role == Role.SELLER ? orders.ofSeller(callerId, page, size) : orders.ofBuyer(callerId, page, size);
        long total = role == Role.SELLER ? orders.countOfSeller(callerId) : orders.countOfBuyer(callerId);
        return Page.of(found.stream().map(o -> view(o, callerId, false)).toList(), page, size, total);
    }

    public OrderView view(Order o, UUID callerId, boolean admin) {
        boolean seller = o.sellerId.equals(callerId);
        boolean buyer = o.buyerId.equals(callerId);
        PostalAddress address = buyer || admin || (seller && SELLER_SEES_ADDRESS.contains(o.status))
                ? address(o.shippingAddress) : null;
        var sellerCredit = seller || admin ? Fees.settlement(o.hammerPrice, o.buyerPremium,
                config.sellerCommissionPercent()).sellerCredit() : null;
        return new OrderView(o.id, o.auctionId, o.title, o.buyerId, o.sellerId, o.status, o.hammerPrice,
                o.buyerPremium, o.total, o.depositApplied, o.amountDue(), o.currency, o.dueAt, address, o.carrier,
                o.trackingNumber, o.secondChance, (seller || admin) && fulfilment.secondChanceAvailable(o),
                sellerCredit, o.createdAt, o.paidAt, o.shippedAt, o.completedAt, o.cancelledAt);
    }

    private PostalAddress address(String json) {
        try {
            return json == null ? null : mapper.readValue(json, PostalAddress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored address that cannot be read", e);
        }
    }
}
