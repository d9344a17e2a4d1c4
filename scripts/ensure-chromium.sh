#!/usr/bin/env bash
# Browser tests drive the system Chromium; install it from the OS packages if missing.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installation de Chromium (paquet Debian)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium est introuvable ($CHROMIUM) : installez le paquet « chromium » de votre système." >&2
  exit 1
fi
