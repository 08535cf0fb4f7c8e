package dev.gavel.user.rest;

import dev.gavel.common.Page;
import dev.gavel.common.security.Caller;
import dev.gavel.user.User;
import dev.gavel.user.api.UserDtos.AdminUserView;
import dev.gavel.user.api.UserDtos.AuditView;
import dev.gavel.user.api.UserDtos.SuspensionRequest;
import dev.gavel.user.service.AdminService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Administration of accounts (CONTRACT §2b): ADMIN only, 403 for everyone else. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(User.ROLE_ADMIN)
public class AdminResource {

    private final AdminService admin;
    private final JsonWebToken jwt;

    public AdminResource(AdminService admin, JsonWebToken jwt) {
        this.admin = admin;
        this.jwt = jwt;
    }

    @GET
    public Page<AdminUserView> list(@QueryParam("q") @Size(max = 100) String q,
            @QueryParam("status") @Size(max = 20) String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return admin.list(q, status(status), page, size);
    }

    private static User.Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return User.Status.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.gavel.common.error.DomainException.invalid("status", "must be ACTIVE or SUSPENDED");
        }
    }

    @POST
    @Path("/{id}/suspension")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    public void suspend(@PathParam("id") String id, @Valid @NotNull SuspensionRequest body) {
        admin.suspend(Caller.of(jwt).id(), User.NOT_FOUND.id(id), body.reason().trim());
    }

    @DELETE
    @Path("/{id}/suspension")
    @ResponseStatus(204)
    public void reinstate(@PathParam("id") String id) {
        admin.reinstate(Caller.of(jwt).id(), User.NOT_FOUND.id(id));
    }

    @GET
    @Path("/{id}/audit")
    public Page<AuditView> audit(@PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return admin.audit(User.NOT_FOUND.id(id), page, size);
    }
}
