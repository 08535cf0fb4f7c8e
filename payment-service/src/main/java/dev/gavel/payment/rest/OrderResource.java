package dev.gavel.payment.rest;

import dev.gavel.common.Page;
import dev.gavel.common.security.Caller;
import dev.gavel.payment.Order;
import dev.gavel.payment.api.PaymentDtos.Checkout;
import dev.gavel.payment.api.PaymentDtos.Method;
import dev.gavel.payment.api.PaymentDtos.OrderView;
import dev.gavel.payment.api.PaymentDtos.PayRequest;
import dev.gavel.payment.api.PaymentDtos.ShipmentRequest;
import dev.gavel.payment.service.OrderFulfilment;
import dev.gavel.payment.service.OrderPayments;
import dev.gavel.payment.service.OrderQueries;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Locale;
import java.util.UUID;

/** Orders (CONTRACT §5b): their buyer and seller see and move them; others are told there is no such order. */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class OrderResource {

    private final OrderQueries queries;
    private final OrderPayments payments;
    private final OrderFulfilment fulfilment;
    private final JsonWebToken jwt;

    public OrderResource(OrderQueries queries, OrderPayments payments, OrderFulfilment fulfilment, JsonWebToken jwt) {
        this.queries = queries;
        this.payments = payments;
        this.fulfilment = fulfilment;
        this.jwt = jwt;
    }

    @GET
    public Page<OrderView> list(@QueryParam("role") @DefaultValue("buyer")
            @Pattern(regexp = "buyer|seller", message = "must be buyer or seller") String role,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.list(Caller.of(jwt).id(), OrderQueries.Role.valueOf(role.toUpperCase(Locale.ROOT)), page, size);
    }

    @GET
    @Path("/{id}")
    public OrderView get(@PathParam("id") String id) {
        return queries.view(Caller.of(jwt).id(), admin(), Order.NOT_FOUND.id(id));
    }

    /** WALLET: 200 the paid order (402 INSUFFICIENT_FUNDS); PROVIDER: 201 the checkout to finish. */
    @POST
    @Path("/{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pay(@PathParam("id") String id, @Valid @NotNull PayRequest body) {
        Caller caller = Caller.of(jwt);
        UUID orderId = Order.NOT_FOUND.id(id);
        if (body.method() == Method.WALLET) {
            Order order = payments.payWithWallet(caller, orderId);
            return Response.ok(queries.view(order, caller.id(), false)).build();
        }
        Checkout checkout = payments.payWithProvider(caller, orderId);
        return Response.status(Response.Status.CREATED).entity(checkout).build();
    }

    @POST
    @Path("/{id}/shipment")
    @Consumes(MediaType.APPLICATION_JSON)
    public OrderView ship(@PathParam("id") String id, @Valid @NotNull ShipmentRequest body) {
        Caller caller = Caller.of(jwt);
        return queries.view(fulfilment.ship(caller, Order.NOT_FOUND.id(id), body.carrier(), body.trackingNumber()),
                caller.id(), false);
    }

    @POST
    @Path("/{id}/receipt")
    public OrderView receipt(@PathParam("id") String id) {
        Caller caller = Caller.of(jwt);
        return queries.view(fulfilment.confirmReceipt(caller, Order.NOT_FOUND.id(id)), caller.id(), false);
    }

    /** The seller offers a cancelled order's item to the runner-up at their highest bid: 201 the runner-up's order. */
    @POST
    @Path("/{id}/second-chance")
    public Response secondChance(@PathParam("id") String id) {
        Caller caller = Caller.of(jwt);
        Order offer = fulfilment.offerSecondChance(caller, Order.NOT_FOUND.id(id));
        return Response.status(Response.Status.CREATED).entity(queries.view(offer, caller.id(), false)).build();
    }

    @POST
    @Path("/{id}/refund")
    @RolesAllowed("ADMIN")
    public OrderView refund(@PathParam("id") String id) {
        return queries.view(fulfilment.refund(Order.NOT_FOUND.id(id)), Caller.of(jwt).id(), true);
    }

    private boolean admin() {
        return jwt.getGroups() != null && jwt.getGroups().contains("ADMIN");
    }
}
