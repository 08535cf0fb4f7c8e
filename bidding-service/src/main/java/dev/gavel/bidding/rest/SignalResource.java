package dev.gavel.bidding.rest;

import dev.gavel.bidding.service.ShillSignals;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/** {@code GET /api/bids/signals} (ADMIN): shill-bidding signals, each with its reasons (docs/api.md). */
@Path("/api/bids/signals")
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

    private final ShillSignals signals;

    public SignalResource(ShillSignals signals) {
        this.signals = signals;
    }

    @GET
    @RolesAllowed("ADMIN")
    public List<ShillSignals.Flagged> signals(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1000) int page,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @QueryParam("sellerId") UUID sellerId) {
        return signals.flagged(page, limit, sellerId);
    }
}
