#!/bin/sh
# Prints a .env for docker compose with a random password for the PostgreSQL superuser and for each service's role.
set -eu
for name in POSTGRES_PASSWORD USER_SERVICE_DB_PASSWORD AUCTION_SERVICE_DB_PASSWORD BIDDING_SERVICE_DB_PASSWORD \
    MEDIA_SERVICE_DB_PASSWORD; do
  echo "$name=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
done
