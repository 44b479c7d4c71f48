#!/usr/bin/env bash
# Load on the IMDS emulator with wrk: a cached/bad-request mix, then fresh (signed) tokens; RSS sampled to show flat memory.
# usage: Tests/Integration/load-test.sh [SECONDS=30] [CONNECTIONS=64]    (CONFIG=release for an optimised build)
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
DURATION="${1:-30}"
CONNECTIONS="${2:-64}"
THREADS="${THREADS:-2}"
WORK="$(mktemp -d)"
trap 'stop_emulators; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "error: wrk is missing: apt-get update && apt-get install -y wrk" >&2; exit 1; }

build_emulator "${CONFIG:-debug}"

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$1/status"; }

# run NAME LUA [emulator options]
run() {
    local name="$1" lua="$2"; shift 2
    start_emulator PORT "$WORK/$name.log" "$HERE/world.yaml" --quiet "$@"
    local pid="$EMULATOR_PID"
    # Warm up (first token signed, buffers allocated) so the start sample is the steady state.
    wrk -t1 -c4 -d2s -s "$HERE/$lua" "http://127.0.0.1:$PORT" >/dev/null
    local start_rss; start_rss="$(rss "$pid")"
    ( sleep "$(awk "BEGIN {print $DURATION / 2}")"; rss "$pid" > "$WORK/$name.mid" ) &
    local sampler=$!
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$HERE/$lua" "http://127.0.0.1:$PORT" > "$WORK/$name.wrk"
    wait "$sampler"
    local end_rss; end_rss="$(rss "$pid")"
    echo "== $name: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s Tests/Integration/$lua (emulator: --quiet $*, ${CONFIG:-debug} build)"
    sed 's/^/   /' "$WORK/$name.wrk"
    printf '   SUMMARY %-7s requests/s %s  p50 %s  p99 %s  non-2xx %s  RSS start %s, middle %s, end %s\n' "$name" \
        "$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.wrk")" \
        "$(awk '$1 == "50%" {print $2}' "$WORK/$name.wrk")" \
        "$(awk '$1 == "99%" {print $2}' "$WORK/$name.wrk")" \
        "$(awk '/Non-2xx/ {print $5}' "$WORK/$name.wrk")" \
        "$start_rss" "$(cat "$WORK/$name.mid")" "$end_rss"
    stop_emulators
    echo "   emulator stopped on SIGTERM (graceful shutdown)"
}

run cached wrk-mix.lua
run fresh wrk-fresh.lua --token-lifetime 120
