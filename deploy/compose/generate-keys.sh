#!/usr/bin/env bash
# Generates the RS256 key pair the compose stack mounts as secrets (never committed: secrets/ is git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
if [ -f secrets/jwt-private.pem ]; then echo "keys exist: deploy/compose/secrets/"; exit 0; fi
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/jwt-private.pem
openssl pkey -in secrets/jwt-private.pem -pubout -out secrets/jwt-public.pem
chmod 600 secrets/jwt-private.pem
echo "generated deploy/compose/secrets/jwt-private.pem and jwt-public.pem"
