package dev.gavel.payment.rest;

import dev.gavel.payment.Payment;
import dev.gavel.payment.provider.SandboxCheckout;
import dev.gavel.payment.provider.SandboxProvider;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The sandbox provider's checkout page (CONTRACT §5b): what is paid, from the server's record, with Approve and
 * Decline. The buttons POST {@code {checkoutUrl}/approve} or {@code /decline}: 204 for tools and tests, a redirect
 * back to the page for a browser's form (it accepts text/html). No script, and a policy that allows none.
 */
@Path(SandboxProvider.CHECKOUT_PATH + "{paymentId}")
@PermitAll
public class SandboxCheckoutResource {

    static final String POLICY = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(Payment payment, String purpose, String checkoutUrl);
    }

    private final SandboxCheckout checkout;

    public SandboxCheckoutResource(SandboxCheckout checkout) {
        this.checkout = checkout;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("paymentId") String paymentId) {
        Payment payment = checkout.payment(Payment.NOT_FOUND.id(paymentId));
        String purpose = payment.purpose == Payment.Purpose.ORDER ? "Payment for an order" : "Wallet top-up";
        return Response.ok(Templates.page(payment, purpose, SandboxProvider.CHECKOUT_PATH + payment.id))
                .header("Content-Security-Policy", POLICY).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/approve")
    @Consumes(MediaType.WILDCARD)
    public Response approve(@PathParam("paymentId") String paymentId, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        checkout.decide(Payment.NOT_FOUND.id(paymentId), true);
        return answer(paymentId, accept);
    }

    @POST
    @Path("/decline")
    @Consumes(MediaType.WILDCARD)
    public Response decline(@PathParam("paymentId") String paymentId, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        checkout.decide(Payment.NOT_FOUND.id(paymentId), false);
        return answer(paymentId, accept);
    }

    /** A browser (it asks for a page) is sent back to the page; anything else gets 204. */
    private static Response answer(String paymentId, String accept) {
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return Response.seeOther(URI.create(SandboxProvider.CHECKOUT_PATH + paymentId)).build();
        }
        return Response.noContent().build();
    }
}
