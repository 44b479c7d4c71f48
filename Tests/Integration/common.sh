# Shared by run-sdk-test.sh and load-test.sh: build lab, start `lab imds serve` on a free port, wait, stop it.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PACKAGE="$(cd "$HERE/../.." && pwd)"
PIDS=()

build_emulator() {  # [release]
    local config="${1:-debug}"
    (cd "$PACKAGE" && swift build -c "$config" --product lab >&2) || { echo "error: swift build failed" >&2; exit 1; }
    BIN="$(cd "$PACKAGE" && swift build -c "$config" --show-bin-path)/lab"
}

emulator_command() {  # world port [extra options]; the lab's state (and signing key) live in $WORK/home
    local world="$1" port="$2"; shift 2
    LAB_HOME="$WORK/home" LAB_CONTENT="$PACKAGE" exec "$BIN" imds serve --world "$world" --port "$port" "$@"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_emulator VAR LOG WORLD [options]: sets VAR to the port and EMULATOR_PID to the process id.
start_emulator() {
    local var="$1" log="$2" world="$3"; shift 3
    local port; port="$(free_port)"
    # exec inside the backgrounded function: $! is the emulator itself, not a subshell (signals and RSS reach it).
    emulator_command "$world" "$port" "$@" >"$log" 2>&1 &
    EMULATOR_PID=$!
    PIDS+=("$EMULATOR_PID")
    for _ in $(seq 1 100); do
        if curl -s --max-time 1 -o /dev/null --noproxy '*' "http://127.0.0.1:$port/.well-known/openid-configuration"; then
            printf -v "$var" '%s' "$port"
            return 0
        fi
        kill -0 "$EMULATOR_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "error: the emulator did not answer on port $port; its log:" >&2
    cat "$log" >&2
    exit 1
}

# SIGTERM, as Ctrl-C would: the emulator shuts down gracefully; one that is still there after 10 s is killed and reported.
stop_emulators() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "warning: emulator $pid ignored SIGTERM for 10 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    PIDS=()
}
