#!/usr/bin/env bash
# Installs the Debian packages the tests need, when their commands are missing:
#   chromium  Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium;
#             its own browser downloads cannot be reached from the build machines)
#   gettext   xgettext and msguniq, which the translation test runs
#   clamav    clamd, which scans uploads in the upload tests
#   redis     redis-server, the shared cache of the production settings (make bench)
#   wrk       the HTTP load generator of make bench
#   varnish   the front-end cache (scripts/services/varnish.sh), in the tests and make bench
#   fonts     DejaVu, the Vietnamese-capable font of the demo's sample PDFs (make run, make test)
# Usage: scripts/services/packages.sh chromium gettext
set -euo pipefail
# varnishd is in /usr/sbin, which a user's PATH on Debian leaves out.
export PATH="$PATH:/usr/sbin"
declare -A COMMAND=([chromium]=chromium [gettext]=xgettext [clamav]=clamd [redis]=redis-server [wrk]=wrk [varnish]=varnishd)
declare -A PACKAGES=([chromium]="chromium fonts-noto-core" [gettext]=gettext [clamav]=clamav-daemon [redis]=redis-server [wrk]=wrk [varnish]=varnish [fonts]=fonts-dejavu-core)
# A font has no command: its file says it is there (portal/demo/pdf.py reads it).
declare -A FILE=([fonts]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
missing=()
for name in "$@"; do
  if [ -n "${FILE[$name]:-}" ]; then
    [ -f "${FILE[$name]}" ] || missing+=("${PACKAGES[$name]}")
    continue
  fi
  # shellcheck disable=SC2206
  command -v "${COMMAND[$name]}" >/dev/null 2>&1 || missing+=(${PACKAGES[$name]})
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Run 'sudo apt-get install ${missing[*]}' (the tests need them)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
