#!/bin/sh
# The edge container's entrypoint: renders the templates in this directory (installed at
# $EDGE_TEMPLATE_DIR) with envsubst, replacing only the EDGE_ placeholders, checks that none is
# left, tests the result with `nginx -t` and runs nginx in the foreground. The same rendering
# as scripts/lib/edge-config.ts (tests/deploy/nginx-config.test.ts runs both).
set -eu

: "${EDGE_TEMPLATE_DIR:=/etc/tollgate-edge}"
: "${EDGE_OUT_DIR:=/run/edge/conf}"
: "${EDGE_DAEMON:=off}"
: "${EDGE_WORKERS:=auto}"
: "${EDGE_RUNTIME_DIR:=/run/edge}"
: "${EDGE_LOG_DIR:=/var/log/edge}"
: "${EDGE_ACCESS_DIR:=$EDGE_OUT_DIR/access}"
: "${EDGE_SNIPPETS_DIR:=$EDGE_OUT_DIR/snippets}"
: "${EDGE_MODSECURITY_DIR:=$EDGE_OUT_DIR/modsecurity}"
: "${EDGE_MODULES_DIR:=/usr/lib/nginx/modules}"
: "${EDGE_MIME_TYPES:=/etc/nginx/mime.types}"
: "${EDGE_UNICODE_MAP:=/etc/nginx/unicode.mapping}"
: "${EDGE_CRS_RULES_DIR:=/usr/share/modsecurity-crs/rules}"
: "${EDGE_HTTP_LISTEN:=8080}"
: "${EDGE_HTTPS_LISTEN:=8443}"
: "${EDGE_HTTPS_PUBLIC_PORT:=443}"
: "${EDGE_TLS_CERT:=/run/secrets/edge_tls_cert}"
: "${EDGE_TLS_KEY:=/run/secrets/edge_tls_key}"
: "${EDGE_STORAGE_DIR:=/var/lib/tollgate/storage}"
: "${EDGE_UPSTREAM_SERVERS:=server app1:3000 max_fails=1 fail_timeout=10s; server app2:3000 max_fails=1 fail_timeout=10s;}"
: "${EDGE_RATE_PER_SECOND:=50}"
: "${EDGE_BURST:=200}"
: "${EDGE_TOKEN_RATE_PER_SECOND:=10}"
: "${EDGE_TOKEN_BURST:=50}"
: "${EDGE_CONN_PER_IP:=100}"
: "${EDGE_MAX_ARTIFACT_BODY:=2g}"
export EDGE_DAEMON EDGE_WORKERS EDGE_RUNTIME_DIR EDGE_LOG_DIR EDGE_ACCESS_DIR EDGE_SNIPPETS_DIR \
  EDGE_MODSECURITY_DIR EDGE_MODULES_DIR EDGE_MIME_TYPES EDGE_UNICODE_MAP EDGE_CRS_RULES_DIR \
  EDGE_HTTP_LISTEN EDGE_HTTPS_LISTEN EDGE_HTTPS_PUBLIC_PORT EDGE_TLS_CERT EDGE_TLS_KEY \
  EDGE_STORAGE_DIR EDGE_UPSTREAM_SERVERS EDGE_RATE_PER_SECOND EDGE_BURST \
  EDGE_TOKEN_RATE_PER_SECOND EDGE_TOKEN_BURST EDGE_CONN_PER_IP EDGE_MAX_ARTIFACT_BODY

vars=$(env | sed -n 's/^\(EDGE_[A-Z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
mkdir -p "$EDGE_OUT_DIR" "$EDGE_LOG_DIR" "$EDGE_RUNTIME_DIR/modsecurity-tmp" "$EDGE_RUNTIME_DIR/modsecurity-data"
(cd "$EDGE_TEMPLATE_DIR" && find . -name '*.conf') | while read -r file; do
  mkdir -p "$EDGE_OUT_DIR/$(dirname "$file")"
  envsubst "$vars" <"$EDGE_TEMPLATE_DIR/$file" >"$EDGE_OUT_DIR/$file"
done
if grep -rn '\${EDGE_' "$EDGE_OUT_DIR"; then
  echo "render.sh: placeholders left without a value (above)" >&2
  exit 1
fi
nginx -t -q -p "$EDGE_RUNTIME_DIR" -c "$EDGE_OUT_DIR/nginx.conf" -e /dev/stderr
[ "${1:-}" = "--check" ] && exit 0
exec nginx -p "$EDGE_RUNTIME_DIR" -c "$EDGE_OUT_DIR/nginx.conf" -e /dev/stderr
