package dev.gavel.payment.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.payment.config.PaymentConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox provider's webhook calls. Each is a row, written in the transaction that caused it (so it survives a
 * restart), sent by a scheduled job signed with {@link WebhookSignature}, and retried with exponential backoff until
 * a 2xx answers it. With {@code duplicate-deliveries} every call is sent twice; with a {@code reorder-window} each
 * waits a random time first, so calls may arrive out of order: as with a real provider.
 */
@ApplicationScoped
public class SandboxWebhooks {

    private static final Logger LOG = Logger.getLogger(SandboxWebhooks.class);
    static final String APPROVED = "checkout.approved";
    static final String DECLINED = "checkout.declined";
    static final String PAYOUT_PAID = "payout.paid";
    static final String REFUNDED = "refund.succeeded";
    private static final int BATCH = 20;

    private final EntityManager em;
    private final PaymentConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public SandboxWebhooks(EntityManager em, PaymentConfig config, ObjectMapper mapper, Clock clock) {
        this.em = em;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Queues a call about the payment, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String type, UUID paymentId) {
        Instant now = clock.instant();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "sbx_evt_" + UUID.randomUUID());
        event.put("type", type);
        event.put("paymentId", paymentId.toString());
        event.put("created", now.getEpochSecond());
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int copies = config.sandbox().duplicateDeliveries() ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            em.createNativeQuery("INSERT INTO sandbox_webhook (event_id, payload, next_attempt_at) VALUES (?1, ?2, ?3)")
                    .setParameter(1, event.get("id")).setParameter(2, payload)
                    .setParameter(3, Timestamp.from(now.plus(jitter()))).executeUpdate();
        }
    }

    @Scheduled(every = "${gavel.payment.sandbox.delivery-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void deliverDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("SELECT id, payload, attempts FROM sandbox_webhook "
                        + "WHERE delivered_at IS NULL AND next_attempt_at <= ?1 ORDER BY next_attempt_at "
                        + "LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now)).setParameter(2, BATCH).getResultList();
        for (Object[] row : due) {
            long id = ((Number) row[0]).longValue();
            int attempts = ((Number) row[2]).intValue() + 1;
            if (send((String) row[1])) {
                em.createNativeQuery("UPDATE sandbox_webhook SET delivered_at = ?2, attempts = ?3 WHERE id = ?1")
                        .setParameter(1, id).setParameter(2, Timestamp.from(now)).setParameter(3, attempts)
                        .executeUpdate();
            } else {
                em.createNativeQuery("UPDATE sandbox_webhook SET next_attempt_at = ?2, attempts = ?3 WHERE id = ?1")
                        .setParameter(1, id).setParameter(2, Timestamp.from(now.plus(backoff(attempts))))
                        .setParameter(3, attempts).executeUpdate();
            }
        }
    }

    /** 1 s, 2 s, 4 s ... up to the configured maximum. */
    Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.sandbox().maxBackoff()) > 0 ? config.sandbox().maxBackoff() : wait;
    }

    private boolean send(String payload) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl()))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(config.sandbox().webhookSecret().orElseThrow(),
                            clock.instant(), payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.warnf("the sandbox webhook was answered %d; it is sent again later", status);
            }
            return status / 100 == 2;
        } catch (java.io.IOException e) {
            LOG.warnf("the sandbox webhook could not be sent (%s); it is sent again later", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Duration jitter() {
        long window = config.sandbox().reorderWindow().toMillis();
        return window <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(window + 1));
    }

    /** The configured URL, or this service's own webhook endpoint on the port it listens on. */
    private String webhookUrl() {
        return config.sandbox().webhookUrl().orElseGet(() -> {
            String portProperty = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
            int port = ConfigProvider.getConfig().getValue(portProperty, Integer.class);
            String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class)
                    .filter(h -> !h.equals("0.0.0.0")).orElse("127.0.0.1");
            return "http://" + host + ":" + port + "/api/payments/webhooks/" + SandboxProvider.NAME;
        });
    }
}
