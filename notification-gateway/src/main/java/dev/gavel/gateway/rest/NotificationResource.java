package dev.gavel.gateway.rest;

import dev.gavel.common.Page;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.gateway.Notification;
import dev.gavel.gateway.service.MailPreferences;
import dev.gavel.gateway.service.NotificationCenter;
import dev.gavel.gateway.service.NotificationRules;
import dev.gavel.gateway.service.UnsubscribeLinks;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/** The inbox and mail preferences of the signed-in user (CONTRACT §6b), and one-click unsubscribe. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    public record Count(long count) {
    }

    /** {@code {email: {outbid, auctionWon, auctionSold, endingSoon, payments}}}. */
    public record Preferences(@NotNull @Valid MailPreferences email) {
    }

    private final NotificationCenter center;
    private final UnsubscribeLinks links;
    private final JsonWebToken jwt;

    public NotificationResource(NotificationCenter center, UnsubscribeLinks links, JsonWebToken jwt) {
        this.center = center;
        this.links = links;
        this.jwt = jwt;
    }

    @GET
    @Authenticated
    public Page<NotificationCenter.View> list(@QueryParam("unread") Boolean unread,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return center.page(me(), unread, page, size);
    }

    @GET
    @Path("/unread-count")
    @Authenticated
    public Count unreadCount() {
        return new Count(center.unread(me()));
    }

    @POST
    @Path("/{id}/read")
    @Authenticated
    @ResponseStatus(204)
    public void read(@PathParam("id") String id) {
        center.read(me(), Notification.NOT_FOUND.id(id));
    }

    @POST
    @Path("/read-all")
    @Authenticated
    @ResponseStatus(204)
    public void readAll() {
        center.readAll(me());
    }

    @GET
    @Path("/preferences")
    @Authenticated
    public Preferences preferences() {
        return new Preferences(center.preferences(me()));
    }

    @PUT
    @Path("/preferences")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Preferences setPreferences(@Valid @NotNull Preferences body) {
        return new Preferences(center.setPreferences(me(), body.email()));
    }

    /** The link in a mail (GET, a person clicking) and RFC 8058 one-click (POST, the mail client): no sign-in. */
    @GET
    @Path("/unsubscribe")
    @Produces(MediaType.TEXT_PLAIN)
    public Response unsubscribeByLink(@QueryParam("user") @Size(max = 36) String user,
            @QueryParam("kind") @Size(max = 20) String kind, @QueryParam("sig") @Size(max = 100) String sig) {
        return unsubscribe(user, kind, sig);
    }

    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response unsubscribeOneClick(@QueryParam("user") @Size(max = 36) String user,
            @QueryParam("kind") @Size(max = 20) String kind, @QueryParam("sig") @Size(max = 100) String sig) {
        return unsubscribe(user, kind, sig);
    }

    private Response unsubscribe(String user, String kind, String sig) {
        UUID userId;
        try {
            userId = UUID.fromString(String.valueOf(user));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("INVALID_UNSUBSCRIBE_LINK", "This unsubscribe link is not valid.");
        }
        if (kind == null || !NotificationRules.MAIL_OF.containsValue(kind) || !links.valid(userId, kind, sig)) {
            throw DomainException.badRequest("INVALID_UNSUBSCRIBE_LINK", "This unsubscribe link is not valid.");
        }
        center.unsubscribe(userId, kind);
        return Response.ok("You will no longer get these mails from Gavel.").build();
    }

    private UUID me() {
        return Caller.of(jwt).id();
    }
}
