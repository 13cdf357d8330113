#!/usr/bin/env bash
# Starts clamd on 127.0.0.1:$CLAMAV_PORT for the upload tests, with a local signature file
# only (no download of the public virus database): it recognises the EICAR test string and
# the portal's own test marker. Installs Debian's clamav-daemon when clamd is missing.
# Safe to run again. Production points CLAMAV_ADDRESS at the system's clamd instead.
set -euo pipefail
PORT=${CLAMAV_PORT:-3310}
HOME_DIR=${CLAMAV_HOME:-/var/lib/portal-clamav}

answers() { printf 'zPING\0' | timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; cat >&3; head -c 5 <&3" 2>/dev/null | grep -q PONG; }

eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
signatures() {
  mkdir -p "$HOME_DIR/db"
  {
    echo "Portal.Test.Eicar:0:*:$(hex "$eicar")"
    echo "Portal.Test.Marker:0:*:$(hex 'PORTAL-ANTIVIRUS-TEST-MARKER')"
  } > "$HOME_DIR/db/portal-test.ndb"
}

if answers; then
  # A clamd this script started earlier reloads today's signatures (the marker may change).
  if [ -f "$HOME_DIR/clamd.conf" ]; then
    signatures
    printf 'zRELOAD\0' | timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT; cat >&3; head -c 9 <&3" >/dev/null || true
  fi
  echo "clamd is up."
  exit 0
fi
bash "$(dirname "$0")/packages.sh" clamav
signatures
cat > "$HOME_DIR/clamd.conf" <<CONF
DatabaseDirectory $HOME_DIR/db
TCPSocket $PORT
TCPAddr 127.0.0.1
PidFile $HOME_DIR/clamd.pid
LogFile $HOME_DIR/clamd.log
Foreground no
User root
StreamMaxLength 210M
CONF
/usr/sbin/clamd --config-file="$HOME_DIR/clamd.conf"
for _ in $(seq 1 60); do
  answers && { echo "clamd is up."; exit 0; }
  sleep 1
done
echo "clamd did not start; see $HOME_DIR/clamd.log" >&2
exit 1
