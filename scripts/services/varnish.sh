#!/usr/bin/env bash
# Starts Varnish (Debian's package, installed when missing) on 127.0.0.1:PORT in front of one
# or several application processes, with the portal's rules (deploy/varnish/portal.vcl); with
# several, requests go round them in turn. Used by the tests and `make bench`; production runs
# Debian's own service with the same VCL (docs/operations.md#front-end-cache).
#   scripts/services/varnish.sh start PORT HOST:PORT [HOST:PORT...]   start (again, if running)
#   scripts/services/varnish.sh stop PORT
# PURGERS (default 127.0.0.1): the addresses allowed to BAN, comma-separated (the application's).
set -euo pipefail
export PATH="$PATH:/usr/sbin"  # varnishd's place, which a user's PATH on Debian leaves out
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
action=${1:?start or stop}
port=${2:?port}
shift 2
[[ $port =~ ^[0-9]+$ ]] || { echo "PORT must be a number: $port" >&2; exit 2; }
dir=/tmp/portal-varnish-$port
stop() {
  if [ -f "$dir/varnishd.pid" ] && kill "$(cat "$dir/varnishd.pid")" 2>/dev/null; then
    for _ in $(seq 1 50); do
      kill -0 "$(cat "$dir/varnishd.pid")" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$dir/varnishd.pid"
}
if [ "$action" = stop ]; then
  stop
  rm -rf "$dir"
  exit 0
fi
[ $# -gt 0 ] || { echo "Usage: $0 start PORT HOST:PORT [HOST:PORT...]" >&2; exit 2; }
bash "$HERE/packages.sh" varnish
stop
mkdir -p "$dir"
{
  n=0
  for backend in "$@"; do
    n=$((n + 1))
    echo "backend app$n { .host = \"${backend%:*}\"; .port = \"${backend##*:}\"; }"
  done
  echo "sub vcl_init {"
  echo "    new app = directors.round_robin();"
  for i in $(seq 1 $n); do echo "    app.add_backend(app$i);"; done
  echo "}"
  echo "acl purgers {"
  IFS=, read -ra purgers <<<"${PURGERS:-127.0.0.1}"
  for address in "${purgers[@]}"; do echo "    \"$address\";"; done
  echo "}"
} >"$dir/backends.vcl"
# -n: its own working directory, so several can run side by side; -T none: no admin port,
# a BAN over HTTP is all the application needs.
varnishd -n "$dir/work" -a "127.0.0.1:$port" -T none -P "$dir/varnishd.pid" \
  -p "vcl_path=$dir:$ROOT/deploy/varnish" -f portal.vcl -s malloc,128m \
  >"$dir/varnishd.log" 2>&1 || { cat "$dir/varnishd.log" >&2; exit 1; }
for _ in $(seq 1 50); do
  [ -s "$dir/varnishd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "Varnish ready on 127.0.0.1:$port in front of $*."
