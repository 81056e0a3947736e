#!/usr/bin/env bash
# The browser end-to-end tests (test/e2e) drive Debian's chromium through playwright-core; no
# browser is downloaded. This installs the `chromium` package where it is missing, when run as
# root; otherwise it says how. It never fails the test run: when chromium cannot be installed it
# says why, and only the e2e tests fail, with the same advice.
set -uo pipefail
CHROMIUM="${NETSPEC_CHROMIUM:-/usr/bin/chromium}"
ADVICE="install it with: sudo apt-get update && sudo apt-get install -y chromium"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-chromium: $CHROMIUM is missing and this is not root; $ADVICE" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and there is no apt-get; install chromium and set NETSPEC_CHROMIUM to its path" >&2
  exit 0
fi
# Another apt or dpkg run (unattended upgrades, a second test run) may hold the lock: wait for it
# (LOCK_WAIT seconds per attempt) and retry a few times before giving up.
LOCK_WAIT="${NETSPEC_APT_LOCK_WAIT:-300}"
ATTEMPTS="${NETSPEC_APT_ATTEMPTS:-3}"
APT=(apt-get -o "DPkg::Lock::Timeout=$LOCK_WAIT" -qq)
echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
for attempt in $(seq 1 "$ATTEMPTS"); do
  log="$(mktemp)"
  if "${APT[@]}" update >"$log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y chromium >>"$log" 2>&1; then
    rm -f "$log"
    exit 0
  fi
  reason="$(grep -E '^(E|W):' "$log" | tail -n 3)"
  rm -f "$log"
  echo "ensure-chromium: attempt $attempt of $ATTEMPTS failed: ${reason:-apt-get failed}" >&2
  [ "$attempt" -lt "$ATTEMPTS" ] && sleep "${NETSPEC_APT_RETRY_PAUSE:-10}"
done
echo "ensure-chromium: could not install chromium (see above); the browser tests (test/e2e) will fail; $ADVICE" >&2
exit 0
