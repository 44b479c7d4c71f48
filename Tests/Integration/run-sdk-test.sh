#!/usr/bin/env bash
# Microsoft's own SDKs (azure-identity, MSAL Python) against the lab's IMDS emulator, on 127.0.0.1 only.
# usage: Tests/Integration/run-sdk-test.sh [VENV_DIR]   (default: .build-sdk-venv beside Package.swift; pip needs PyPI)
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
VENV="${1:-$PACKAGE/.build-sdk-venv}"
WORK="$(mktemp -d)"
trap 'stop_emulators; rm -rf "$WORK"' EXIT
unset HTTP_PROXY HTTPS_PROXY ALL_PROXY http_proxy https_proxy all_proxy

if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
"$VENV/bin/pip" install -q --disable-pip-version-check "azure-identity>=1.19" "msal>=1.31" "PyJWT[crypto]>=2.8" requests

build_emulator
start_emulator PORT "$WORK/emulator.log" "$HERE/world.yaml"
# A second emulator whose first two token requests fail with 410 (IMDS updating), to watch the SDK retry.
start_emulator RETRY_PORT "$WORK/retry.log" "$HERE/world.yaml" --fail 410:2
echo "emulator on 127.0.0.1:$PORT (retry emulator on $RETRY_PORT)"

status=0
"$VENV/bin/python" "$HERE/sdk_clients.py" --base "http://127.0.0.1:$PORT" --retry-base "http://127.0.0.1:$RETRY_PORT" \
    --retry-status 410 --retry-count 2 || status=$?

echo
echo "emulator log (as the REPL would show it):"
sed 's/^/  /' "$WORK/emulator.log"
echo "retry emulator log:"
sed 's/^/  /' "$WORK/retry.log"
if ! grep -q "rule metadata-header" "$WORK/emulator.log"; then
    echo "FAIL: the emulator never saw DefaultAzureCredential's header-less probe"; status=1
fi
if [ "$(grep -c 'injected 410' "$WORK/retry.log")" != 2 ]; then
    echo "FAIL: the retry emulator did not answer exactly two injected 410s"; status=1
fi
[ "$status" = 0 ] && echo "SDK integration: PASS" || echo "SDK integration: FAIL"
exit "$status"
