-- Shipped by gavel-outbox; every service that produces or consumes events lists db/gavel in quarkus.flyway.locations.
-- The service's own migrations start at V1.

-- Events waiting to be relayed to Kafka. Written in the same transaction as the state change; deleted once Kafka
-- acknowledged them (acks=all). The id gives the relay order, so one auction's events keep their order.
CREATE TABLE outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        VARCHAR(100) NOT NULL,
    record_key   VARCHAR(100) NOT NULL,
    type         VARCHAR(200) NOT NULL,
    payload      TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Events a consumer has applied, so that a redelivered event changes nothing (at-least-once delivery).
CREATE TABLE processed_event (
    event_id     UUID        NOT NULL,
    consumer     VARCHAR(100) NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);
