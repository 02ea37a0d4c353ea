#!/bin/bash
# Container health check: GET a health path of the local Liberty with bash alone (/dev/tcp), so that it does not
# depend on curl or wget being in the base image. Exit 0 on HTTP 200, 1 otherwise (503 = a check is DOWN).
# Usage: health.sh [path]   (default /health/ready; the port is REGISTRY_HTTP_PORT, default 9080)
set -u
path="${1:-/health/ready}"
port="${REGISTRY_HTTP_PORT:-9080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
IFS=' ' read -r -t 4 _protocol status _reason <&3 || exit 1
[ "$status" = "200" ]
