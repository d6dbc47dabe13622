# Shared by the drill scripts (sourced): background processes and the local SMTP sink.

PY=.venv/bin/python
pids=()

# End every process group we started (each was started with setsid), then wait for them.
drill_cleanup() {
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}

# start_sink PORT DIR: the SMTP sink the worker mails to (EMAIL_URL=smtp://127.0.0.1:PORT).
start_sink() {
    setsid $PY scripts/drills/smtp_sink.py --port "$1" --dir "$2" >"$2.log" 2>&1 &
    pids+=("$!")
    for _ in $(seq 50); do [ -d "$2" ] && return 0; sleep 0.2; done
    echo "the SMTP sink did not start: $(cat "$2.log")" >&2
    return 1
}
