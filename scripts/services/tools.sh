#!/usr/bin/env bash
# Command-line tools the tests use: GNU gettext (makemessages re-extracts the strings to prove
# every one is translated).
set -euo pipefail
if command -v xgettext >/dev/null 2>&1 && command -v msguniq >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "GNU gettext is missing: run 'sudo apt-get install gettext' (needed by the translation test)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq gettext >/dev/null
