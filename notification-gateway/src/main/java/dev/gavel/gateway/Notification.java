package dev.gavel.gateway;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A personal notification in its owner's inbox (CONTRACT §6b). */
@Entity
@Table(name = "notification")
public class Notification {

    public static final NotFound NOT_FOUND = NotFound.of("notification");

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(nullable = false)
    public String type;

    @Column(name = "auction_id")
    public UUID auctionId;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "read_at")
    public Instant readAt;
}
