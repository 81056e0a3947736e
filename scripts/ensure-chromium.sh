#!/usr/bin/env bash
# The browser end-to-end tests (test/e2e) drive Debian's chromium through playwright-core; no
# browser is downloaded. This installs the `chromium` package where it is missing, when run as
# root; otherwise it says how, and the e2e tests fail with the same advice.
set -euo pipefail
CHROMIUM="${NETSPEC_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not root; install it with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
