#!/bin/sh
# Prints a .env for docker compose: a random password for the PostgreSQL superuser and for each service's database
# role, and each service's Kafka password (SCRAM-SHA-512).
set -eu
for name in POSTGRES_PASSWORD USER_SERVICE_DB_PASSWORD AUCTION_SERVICE_DB_PASSWORD BIDDING_SERVICE_DB_PASSWORD \
    MEDIA_SERVICE_DB_PASSWORD NOTIFICATION_GATEWAY_DB_PASSWORD PAYMENT_SERVICE_DB_PASSWORD \
    GAVEL_GATEWAY_MAIL_UNSUBSCRIBE_KEY GAVEL_PAYMENT_SANDBOX_WEBHOOK_SECRET \
    USER_SERVICE_KAFKA_PASSWORD AUCTION_SERVICE_KAFKA_PASSWORD \
    BIDDING_SERVICE_KAFKA_PASSWORD NOTIFICATION_GATEWAY_KAFKA_PASSWORD PAYMENT_SERVICE_KAFKA_PASSWORD; do
  echo "$name=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
done
# the HMAC key of client addresses (auction-service and bidding-service share it: shill signals)
echo "GAVEL_PRIVACY_ADDRESS_KEY=$(head -c 32 /dev/urandom | base64)"
# the AES-256 key of TOTP secrets at rest (user-service)
echo "GAVEL_USER_MFA_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64)"
