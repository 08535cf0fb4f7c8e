#!/bin/bash
# Starts the compose Kafka broker with authentication and authorisation, then gives every service its identity:
# a SCRAM-SHA-512 credential (passwords from .env) and the ACLs of kafka-acls.txt, which let it write only its own
# topics (CONTRACT §7b).
# Clients connect with SASL_SSL on kafka:9092. The broker's own listeners (controller, inter-broker) listen on the
# container's loopback only, so nothing outside the container can use them; the setup below runs over that loopback
# as the super user.
set -euo pipefail

/etc/kafka/docker/run &
broker=$!
trap 'kill -TERM $broker; wait $broker' TERM INT

admin=(--bootstrap-server localhost:9094)
bin=/opt/kafka/bin
until "$bin/kafka-broker-api-versions.sh" "${admin[@]}" > /dev/null 2>&1; do
  kill -0 $broker || exit 1
  sleep 1
done

topics="auction-published auction-cancelled bid-placed auction-closed watchlist-changed user-suspended user-reinstated \
user-sessions-revoked user-contact-changed user-address-changed order-created order-paid order-shipped order-completed \
order-cancelled order-refunded bidder-approved deposit-released auction-service.bid-placed.dlq auction-service.auction-closed.dlq \
bidding-service.auction-published.dlq bidding-service.auction-cancelled.dlq bidding-service.user-suspended.dlq \
bidding-service.user-reinstated.dlq notification-gateway.bid-placed.dlq \
notification-gateway.auction-closed.dlq notification-gateway.auction-published.dlq \
notification-gateway.user-contact-changed.dlq notification-gateway.watchlist-changed.dlq \
bidding-service.bidder-approved.dlq payment-service.auction-published.dlq payment-service.auction-closed.dlq \
payment-service.user-address-changed.dlq notification-gateway.order-created.dlq notification-gateway.order-paid.dlq \
notification-gateway.order-shipped.dlq notification-gateway.order-cancelled.dlq"
for topic in $topics; do
  "$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$topic" --partitions 6 > /dev/null
done

# one SCRAM credential per principal of the ACL table; the password is <NAME>_KAFKA_PASSWORD from .env
rules=$(grep -v '^#' /gavel/kafka-acls.txt | grep -v '^ *$')
for principal in $(echo "$rules" | awk '{print $1}' | sort -u); do
  variable="$(echo "$principal" | tr 'a-z-' 'A-Z_')_KAFKA_PASSWORD"
  "$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${!variable:?$variable is not set}]" > /dev/null
done
echo "$rules" | while read -r principal operations resource name pattern; do
  args=()
  for operation in ${operations//,/ }; do args+=(--operation "$operation"); done
  "$bin/kafka-acls.sh" "${admin[@]}" --add --allow-principal "User:$principal" "${args[@]}" \
    "--$resource" "$name" --resource-pattern-type "$pattern" > /dev/null
done

touch /tmp/gavel-kafka-ready
echo "Gavel: Kafka users and ACLs are in place"
wait $broker
