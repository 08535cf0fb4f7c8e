package dev.gavel.payment.rest;

import dev.gavel.common.Page;
import dev.gavel.common.security.Caller;
import dev.gavel.payment.Payment;
import dev.gavel.payment.api.PaymentDtos.AmountRequest;
import dev.gavel.payment.api.PaymentDtos.WalletEntry;
import dev.gavel.payment.api.PaymentDtos.WalletView;
import dev.gavel.payment.api.PaymentDtos.WithdrawalView;
import dev.gavel.payment.service.Wallets;
import io.quarkus.security.Authenticated;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's wallet (CONTRACT §5b). */
@Path("/api/wallet")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class WalletResource {

    private final Wallets wallets;
    private final JsonWebToken jwt;

    public WalletResource(Wallets wallets, JsonWebToken jwt) {
        this.wallets = wallets;
        this.jwt = jwt;
    }

    @GET
    public WalletView wallet(@QueryParam("currency")
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
        return wallets.of(Caller.of(jwt).id(), currency);
    }

    @GET
    @Path("/transactions")
    public Page<WalletEntry> transactions(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return wallets.entries(Caller.of(jwt).id(), page, size);
    }

    @POST
    @Path("/top-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response topUp(@Valid @NotNull AmountRequest body) {
        return Response.status(Response.Status.CREATED)
                .entity(wallets.topUp(Caller.of(jwt), body.amount(), body.currency())).build();
    }

    @POST
    @Path("/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response withdraw(@Valid @NotNull AmountRequest body) {
        Payment payment = wallets.withdraw(Caller.of(jwt), body.amount(), body.currency());
        return Response.status(Response.Status.CREATED).entity(new WithdrawalView(payment.id, payment.amount,
                payment.currency, payment.status.name())).build();
    }
}
