#!/usr/bin/env bash
# Generates what the compose stack mounts as secrets (never committed: secrets/ is git-ignored):
# - the RS256 key pair of the access tokens;
# - a private CA and the Kafka broker's TLS key and certificate (PKCS#12), whose CA certificate the services trust.
# Needs openssl and keytool (any JDK).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p secrets
cd secrets
if [ ! -f jwt-private.pem ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-private.pem
  openssl pkey -in jwt-private.pem -pubout -out jwt-public.pem
  chmod 600 jwt-private.pem
  echo "generated deploy/compose/secrets/jwt-private.pem and jwt-public.pem"
fi
if [ ! -f kafka/kafka.keystore.p12 ]; then
  mkdir -p kafka
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=Gavel Kafka CA" \
    -keyout kafka/ca-key.pem -out kafka-ca.pem
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kafka" -keyout kafka/broker-key.pem -out kafka/broker.csr
  printf 'subjectAltName=DNS:kafka,DNS:localhost\n' > kafka/san.ext
  openssl x509 -req -in kafka/broker.csr -CA kafka-ca.pem -CAkey kafka/ca-key.pem -CAcreateserial -days 825 \
    -extfile kafka/san.ext -out kafka/broker.pem
  openssl pkcs12 -export -name kafka -in kafka/broker.pem -inkey kafka/broker-key.pem -certfile kafka-ca.pem \
    -passout "pass:$password" -out kafka/kafka.keystore.p12
  # the apache/kafka image reads the store's passwords from files next to it
  printf '%s' "$password" > kafka/keystore-password
  printf '%s' "$password" > kafka/key-password
  rm -f kafka/broker.csr kafka/san.ext kafka/ca-key.pem kafka/broker-key.pem kafka-ca.srl
  chmod 600 kafka/*
  chmod 644 kafka-ca.pem kafka/kafka.keystore.p12 kafka/keystore-password kafka/key-password
  echo "generated the Kafka CA (deploy/compose/secrets/kafka-ca.pem) and the broker's key store"
fi
