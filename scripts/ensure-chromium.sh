#!/usr/bin/env bash
# Browser tests drive the system Chromium (its headless shell where the system has it,
# tests/browser/conftest.py); install both from the OS packages if missing.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "Chromium est introuvable ($CHROMIUM_PATH)." >&2
  exit 1
fi
if [ -x /usr/bin/chromium-headless-shell ] || [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installation de Chromium (paquets Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null
else
  echo "Chromium est introuvable : installez les paquets « chromium » et « chromium-headless-shell » de votre système." >&2
  exit 1
fi
