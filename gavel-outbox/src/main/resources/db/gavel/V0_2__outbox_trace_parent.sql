-- The W3C traceparent of the transaction that wrote the event (null outside a trace): the relay sends it as the Kafka
-- record's traceparent header, so that the consumers' spans join the trace of the request. A library migration with
-- a version below the services' own (V1...): applied out of order on existing databases (quarkus.flyway.out-of-order).
ALTER TABLE outbox_event ADD COLUMN trace_parent VARCHAR(64);
