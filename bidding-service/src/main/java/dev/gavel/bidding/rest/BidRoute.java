package dev.gavel.bidding.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.service.BidBatcher;
import dev.gavel.bidding.service.BidRateLimit;
import dev.gavel.bidding.service.Command;
import dev.gavel.bidding.service.Decision;
import dev.gavel.bidding.service.SuspendedAccounts;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.http.ClientAddresses;
import dev.gavel.common.problem.Problem;
import dev.gavel.common.problem.ProblemMappers;
import dev.gavel.common.security.Caller;
import dev.gavel.common.security.VerifiedTokenCache;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /api/bids}, the request of a bidding storm, answered without Quarkus REST's pipeline: a Vert.x route
 * ahead of {@link BidResource} that takes a request only when it is a well-formed bid with a valid access token, and
 * passes every other request on to {@link BidResource#place}, which answers it as it always has (401 without a valid
 * token, 415 for another content type, 406, 400 for a body that is not a valid bid, with the same problem bodies).
 * What the route does is what {@code place} does: the same token verification (smallrye-jwt through
 * {@link VerifiedTokenCache}, with the same issuer, key and expiry rules), the same Bean Validation constraints, the same
 * caller checks, the same command to the same batcher, the same answers.
 *
 * <p>Why: in an engine-alone storm (gavel-bench SpreadStorm -Dlots=1, docs/benchmarks.md "the bid's own route") the
 * framework's steps per request took about 45 µs of bidding-service's 110-120 µs of CPU per accepted bid: the lazy
 * authentication's Mutiny pipeline, the CDI request context and its propagation, the interceptor chain of
 * {@code @Authenticated} and method validation, and the resumption of the suspended request on its event loop.
 */
@ApplicationScoped
public class BidRoute {

    static final String PATH = "/api/bids";
    private static final String BEARER = "Bearer ";
    private static final String JSON = "application/json";

    private final BidBatcher batcher;
    private final VerifiedTokenCache tokens;
    private final JWTAuthContextInfo authContext;
    private final ObjectMapper json;
    private final Validator validator;
    private final SuspendedAccounts suspended;
    private final BidRateLimit rateLimit;
    private final Clock clock;
    private final ClientAddresses addresses;
    private final long maxBodyBytes;
    private final LongAdder taken = new LongAdder();

    public BidRoute(BidBatcher batcher, VerifiedTokenCache tokens, JWTAuthContextInfo authContext, ObjectMapper json,
            Validator validator, SuspendedAccounts suspended, BidRateLimit rateLimit, Clock clock,
            ClientAddresses addresses,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
        this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(-1L);
        this.batcher = batcher;
        this.tokens = tokens;
        this.authContext = authContext;
        this.json = json;
        this.validator = validator;
        this.suspended = suspended;
        this.rateLimit = rateLimit;
        this.clock = clock;
        this.addresses = addresses;
    }

    /**
     * After Quarkus's own handlers (the body-size limit, forwarded addresses, CORS, compression), before Quarkus REST.
     * The body is read here for every {@code POST /api/bids}, within {@code quarkus.http.limits.max-body-size}
     * ({@code BodySizeLimit} has already refused a larger declared length; a larger chunked body is cut off with 413);
     * a request passed on is read by Quarkus REST from what was read here.
     */
    void install(@Observes Router router) {
        router.post(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::place)
                .failureHandler(this::tooLarge);
    }

    /** A chunked body cut off at the limit by the body handler: the problem Quarkus REST's mapper gives for it. */
    void tooLarge(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        try {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            problem(context.response(), ProblemMappers.bodyTooLarge(), context.normalizedPath());
        } catch (IOException | RuntimeException unwritable) {
            context.next();
        }
    }

    /** A JSON bid with a declared length, a bearer token that verifies and a valid body stays here; any other goes on. */
    void place(RoutingContext context) {
        JWTCallerPrincipal token = acceptable(context) ? verified(context.request().getHeader(HttpHeaders.AUTHORIZATION))
                : null;
        if (token == null) {
            context.next(); // BidResource answers it, from the body read above
            return;
        }
        Instant received = clock.instant(); // the bid counts at this instant, however long its batch takes
        PlaceBidRequest body = bid(context.body().buffer());
        if (body == null) {
            context.next(); // not a valid bid: BidResource answers with the problem it always has
            return;
        }
        taken.increment();
        Context requestContext = Vertx.currentContext();
        try {
            Caller caller = Caller.of(token);
            caller.requireVerifiedEmail();
            suspended.check(caller.id());
            rateLimit.take(caller.id());
            Command command = Command.bid(body, caller, context.request().getHeader("Idempotency-Key"), received,
                    addresses.hashOf(context.request()));
            BidResource.within(batcher.submit(command), BidResource.DECISION_TIMEOUT).whenComplete((decision, failure) ->
                    requestContext.runOnContext(ignored -> answer(context, decision, failure)));
        } catch (RuntimeException refusal) {
            answer(context, null, refusal);
        }
    }

    /** How many requests this route has answered itself; every other {@code POST /api/bids} went on to BidResource. */
    public long taken() {
        return taken.sum();
    }

    /** A JSON body with a declared length and a bearer token; whether it is a bid is seen once it is read. */
    private static boolean acceptable(RoutingContext context) {
        var request = context.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return type != null && JSON.equalsIgnoreCase(mediaType(type))
                && (accept == null || acceptsJson(accept))
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) != null
                && authorization != null && authorization.startsWith(BEARER);
    }

    private static String mediaType(String header) {
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).trim();
    }

    /** Only the plain cases; anything subtler (q-values, lists of exotic types) is left to Quarkus REST. */
    private static boolean acceptsJson(String accept) {
        String types = accept.toLowerCase(Locale.ROOT);
        return !types.contains("q=") && (types.contains(JSON) || types.contains("*/*") || types.contains("application/*"));
    }

    /** The principal of a token that verifies, or null: Quarkus REST then says why (401) as it always has. */
    private JWTCallerPrincipal verified(String authorization) {
        try {
            return tokens.parse(authorization.substring(BEARER.length()).trim(), authContext);
        } catch (ParseException | RuntimeException notVerified) {
            return null;
        }
    }

    /** The body as a bid that satisfies its constraints, or null. */
    private PlaceBidRequest bid(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            PlaceBidRequest bid = json.readValue(body.getBytes(), PlaceBidRequest.class);
            return bid != null && validator.validate(bid).isEmpty() ? bid : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** 201 with the accepted bid, or the refusal's problem (with serverTime, as {@link BidResource} answers it). */
    private void answer(RoutingContext context, Decision decision, Throwable failure) {
        HttpServerResponse response = context.response();
        try {
            if (failure == null && decision.accepted() != null) {
                response.setStatusCode(201).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                        .end(Buffer.buffer(json.writeValueAsBytes(decision.accepted())));
                return;
            }
            DomainException refusal = failure == null ? decision.rejection() : refusal(failure);
            if (refusal == null) {
                write(response, 500, ProblemMappers.internalError(context.normalizedPath()));
                return;
            }
            if (failure == null) {
                refusal.with("serverTime", clock.instant().toString()); // a decision's refusal, as BidResource says it
            }
            problem(response, refusal, context.normalizedPath());
        } catch (IOException | RuntimeException unwritable) {
            context.fail(unwritable);
        }
    }

    private static DomainException refusal(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof DomainException domain ? domain : ProblemMappers.unavailableOrNull(cause);
    }

    /** The refusal as Quarkus REST's mapper answers it: its status, its headers, its problem body. */
    private void problem(HttpServerResponse response, DomainException refusal, String path) throws IOException {
        ProblemMappers.headersOf(refusal).forEach(response::putHeader);
        write(response, ProblemMappers.status(refusal.kind()), ProblemMappers.problemOf(refusal, path));
    }

    private void write(HttpServerResponse response, int status, Problem problem) throws IOException {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(json.writeValueAsBytes(problem)));
    }
}
