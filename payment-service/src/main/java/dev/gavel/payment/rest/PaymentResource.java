package dev.gavel.payment.rest;

import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.payment.api.PaymentDtos.DepositRequest;
import dev.gavel.payment.Payment;
import dev.gavel.payment.api.PaymentDtos.DepositView;
import dev.gavel.payment.api.PaymentDtos.PaymentView;
import dev.gavel.payment.provider.PaymentProvider;
import dev.gavel.payment.provider.PaymentProviders;
import dev.gavel.payment.provider.ProviderEvent;
import dev.gavel.payment.provider.WebhookRejected;
import dev.gavel.payment.service.Deposits;
import dev.gavel.payment.service.LedgerAudit;
import dev.gavel.payment.service.ProviderPayments;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Deposits to bid, the providers' webhooks and the ledger's audit (CONTRACT §5b). */
@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

    private static final Logger LOG = Logger.getLogger(PaymentResource.class);
    /** A webhook body larger than this is not a payment event. */
    static final int MAX_WEBHOOK_BYTES = 64 * 1024;

    private final Deposits deposits;
    private final PaymentProviders providers;
    private final ProviderPayments payments;
    private final LedgerAudit audit;
    private final JsonWebToken jwt;

    public PaymentResource(Deposits deposits, PaymentProviders providers, ProviderPayments payments, LedgerAudit audit,
            JsonWebToken jwt) {
        this.deposits = deposits;
        this.providers = providers;
        this.payments = payments;
        this.audit = audit;
        this.jwt = jwt;
    }

    /** 201 the deposit now held (bidder-approved follows); 200 the deposit held before. */
    @POST
    @Path("/deposits")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deposit(@Valid @NotNull DepositRequest body) {
        Deposits.Placed placed = deposits.place(Caller.of(jwt), body.auctionId());
        return Response.status(placed.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(DepositView.of(placed.deposit())).build();
    }

    @GET
    @Path("/deposits")
    @Authenticated
    public DepositView myDeposit(@QueryParam("auctionId") @NotNull UUID auctionId) {
        return DepositView.of(deposits.of(Caller.of(jwt).id(), auctionId));
    }

    /**
     * The provider's callback, the only unauthenticated write: the signature is checked before the body is parsed
     * (401 otherwise); an event seen before is answered 200 and changes nothing.
     */
    @POST
    @Path("/webhooks/{provider}")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    public Response webhook(@PathParam("provider") String name, String body, HttpHeaders headers) {
        PaymentProvider provider = providers.named(name.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> DomainException.notFound("PROVIDER_NOT_FOUND", "No payment provider " + name + "."));
        if (body == null || body.length() > MAX_WEBHOOK_BYTES) {
            throw DomainException.tooLarge("WEBHOOK_TOO_LARGE", "A webhook body is at most 64 KiB.");
        }
        Map<String, String> lowerCase = new HashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> lowerCase.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        ProviderEvent event;
        try {
            event = provider.verifyWebhook(body, lowerCase);
        } catch (WebhookRejected e) {
            LOG.warnf("a %s webhook refused: %s", provider.name(), e.getMessage());
            throw DomainException.unauthorized("WEBHOOK_SIGNATURE_INVALID", "The webhook's signature or timestamp "
                    + "is not valid.");
        }
        payments.apply(provider.name(), event);
        return Response.ok(Map.of("received", true)).build();
    }

    /** A payment of the caller's (to follow a checkout to its end); others' are not found. */
    @GET
    @Path("/{paymentId}")
    @Authenticated
    public PaymentView payment(@PathParam("paymentId") String paymentId) {
        return PaymentView.of(payments.of(Caller.of(jwt).id(), Payment.NOT_FOUND.id(paymentId)));
    }

    @GET
    @Path("/ledger/audit")
    @RolesAllowed("ADMIN")
    public LedgerAudit.Report audit() {
        return audit.run();
    }
}
