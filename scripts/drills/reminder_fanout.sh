#!/usr/bin/env bash
# Reminder fan-out benchmark with a real Celery worker (issue 7).
#
# On a dedicated database and Redis database: migrates, starts a local SMTP sink and a
# worker (concurrency 2, queue "celery"), runs `manage.py bench_reminder_fanout` (seeds N
# due reminders, enqueues the periodic reminder task as a doubled beat would, waits, counts
# duplicates and losses), then stops what it started. Extra arguments go to the command:
#   scripts/drills/reminder_fanout.sh --reminders 20000 --beats 2
# Defaults: DATABASE_URL=postgres://postgres@127.0.0.1:5432/qnet_bench,
#           REDIS_URL=redis://127.0.0.1:6379/7, SMTP sink on 127.0.0.1:2526.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qnet_bench}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/7}"
SINK_PORT="${SINK_PORT:-2526}"
export EMAIL_URL="smtp://127.0.0.1:${SINK_PORT}"
# Production-like: no DEBUG query log in the worker.
export DEBUG=false
export SECRET_KEY="${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export CELERY_CONCURRENCY="${CELERY_CONCURRENCY:-2}"

WORK="$(mktemp -d /tmp/qnet-fanout.XXXXXX)"
echo "work dir: $WORK"
source scripts/drills/lib.sh
trap drill_cleanup EXIT

db_name="${DATABASE_URL##*/}"
psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='${db_name}'" \
    | grep -q 1 || psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE ${db_name}"
$PY manage.py migrate --no-input -v0
.venv/bin/celery -A qnet purge -f >/dev/null

start_sink "$SINK_PORT" "$WORK/mail"
setsid .venv/bin/celery -A qnet worker -Q celery --concurrency "$CELERY_CONCURRENCY" \
    --loglevel=INFO --hostname "fanout@%h" >"$WORK/worker.log" 2>&1 &
pids+=("$!")

status=0
$PY manage.py bench_reminder_fanout --mail-dir "$WORK/mail" "$@" || status=$?
echo "worker log: $WORK/worker.log ($(grep -c 'succeeded in' "$WORK/worker.log") tasks succeeded," \
    "$(grep -cE 'ERROR|WorkerLostError' "$WORK/worker.log") error lines)"
grep -E 'reminders_send_task\[.*succeeded' "$WORK/worker.log" | head -n 60 || true
exit "$status"
