package dev.gavel.web.rest;

import dev.gavel.web.config.WebConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The pages (CONTRACT §8): each is a server-rendered shell (Qute) with its own small script, which talks to the
 * public API of the same origin and fills the page. The shells hold no user data, so they are the same for everyone;
 * everything a user typed is put into the page by script as text, never as markup.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home();

        static native TemplateInstance auction(String auctionId);

        static native TemplateInstance signIn();

        static native TemplateInstance register();

        static native TemplateInstance verifyEmail();

        static native TemplateInstance resetPassword();

        static native TemplateInstance account();

        static native TemplateInstance sell();

        static native TemplateInstance myBids();

        static native TemplateInstance myAuctions();

        static native TemplateInstance watchlist();

        static native TemplateInstance orders();

        static native TemplateInstance wallet();

        static native TemplateInstance notifications();

        static native TemplateInstance apiDocs(java.util.List<WebConfig.Link> links);
    }

    private final WebConfig config;

    public Pages(WebConfig config) {
        this.config = config;
    }

    @GET
    public TemplateInstance home() {
        return Templates.home();
    }

    @GET
    @Path("auctions/{id}")
    public TemplateInstance auction(@PathParam("id") UUID id) {
        return Templates.auction(id.toString());
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signIn() {
        return Templates.signIn();
    }

    @GET
    @Path("register")
    public TemplateInstance register() {
        return Templates.register();
    }

    /** The page the verification mail links to: its button verifies (fetching the link alone verifies nothing). */
    @GET
    @Path("verify-email")
    public TemplateInstance verifyEmail() {
        return Templates.verifyEmail();
    }

    @GET
    @Path("reset-password")
    public TemplateInstance resetPassword() {
        return Templates.resetPassword();
    }

    @GET
    @Path("account")
    public TemplateInstance account() {
        return Templates.account();
    }

    @GET
    @Path("sell")
    public TemplateInstance sell() {
        return Templates.sell();
    }

    @GET
    @Path("me/bids")
    public TemplateInstance myBids() {
        return Templates.myBids();
    }

    @GET
    @Path("me/auctions")
    public TemplateInstance myAuctions() {
        return Templates.myAuctions();
    }

    @GET
    @Path("watchlist")
    public TemplateInstance watchlist() {
        return Templates.watchlist();
    }

    @GET
    @Path("orders")
    public TemplateInstance orders() {
        return Templates.orders();
    }

    @GET
    @Path("wallet")
    public TemplateInstance wallet() {
        return Templates.wallet();
    }

    @GET
    @Path("notifications")
    public TemplateInstance notifications() {
        return Templates.notifications();
    }

    @GET
    @Path("api-docs")
    public TemplateInstance apiDocs() {
        return Templates.apiDocs(config.links());
    }
}
