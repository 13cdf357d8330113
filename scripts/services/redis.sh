#!/usr/bin/env bash
# Makes sure Redis answers on 127.0.0.1:$REDIS_PORT (the production settings' shared cache),
# installing Debian's redis-server when missing. Bounded memory, oldest keys out first, no
# persistence: the cache is rebuilt from the database. Safe to run again.
set -euo pipefail
REDIS_PORT=${REDIS_PORT:-6379}
HERE=$(cd "$(dirname "$0")" && pwd)
bash "$HERE/packages.sh" redis
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy allkeys-lru --logfile /tmp/portal-redis.log
  for _ in $(seq 1 30); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
echo "Redis ready on 127.0.0.1:$REDIS_PORT."
