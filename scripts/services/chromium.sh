#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing. Playwright drives this
# binary (PORTAL_CHROMIUM); its own browser downloads cannot be reached from the build machines.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: run 'sudo apt-get install chromium' (needed by the browser tests)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-noto-core >/dev/null
command -v chromium
