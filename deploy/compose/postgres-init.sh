#!/bin/sh
# One database and one login role per service: a service owns its own database and can reach no other one; the
# superuser (POSTGRES_USER) is for operators only. Passwords come from the environment (.env, never committed).
set -eu
for service in user_service auction_service bidding_service media_service notification_gateway payment_service; do
  variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$variable")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
