#!/usr/bin/env bash
# Crash drill (issue 7): SIGKILL a real Celery worker while it renders a PDF and sends
# reminders, restart it, and check that everything completed exactly once.
#
# Uses a database and Redis databases of its own (the broker's and the cache's, the next
# one), all wiped at the start:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/qnet_drill REDIS_URL=redis://127.0.0.1:6379/11
# The broker's visibility timeout is lowered to 75 s (time limits 60/50 s) so the drill
# does not wait an hour for Redis to hand the killed worker's tasks out again.
# Prints PASS or FAIL and exits non-zero on FAIL. Work files stay in /tmp/qnet-drill.*.
set -euo pipefail
cd "$(dirname "$0")/../.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qnet_drill}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/11}"
SINK_PORT="${SINK_PORT:-2527}"
export EMAIL_URL="smtp://127.0.0.1:${SINK_PORT}"
export DEBUG=true  # seed_demo's demo data; the worker behaves the same
export CELERY_TASK_TIME_LIMIT="${CELERY_TASK_TIME_LIMIT:-60}"
export CELERY_TASK_SOFT_TIME_LIMIT="${CELERY_TASK_SOFT_TIME_LIMIT:-50}"
export CELERY_VISIBILITY_TIMEOUT="${CELERY_VISIBILITY_TIMEOUT:-75}"
export DRILL_WORK="$(mktemp -d /tmp/qnet-drill.XXXXXX)"
export MEDIA_ROOT="$DRILL_WORK/media"
echo "work dir: $DRILL_WORK"
source scripts/drills/lib.sh
trap drill_cleanup EXIT

db_name="${DATABASE_URL##*/}"
case "$db_name" in *drill*) ;; *) echo "refusing: the database name must contain 'drill'"; exit 2 ;; esac
admin_url="${DATABASE_URL%/*}/postgres"
psql "$admin_url" -qc "DROP DATABASE IF EXISTS ${db_name} WITH (FORCE)"
psql "$admin_url" -qc "CREATE DATABASE ${db_name}"
redis-cli -u "$REDIS_URL" FLUSHDB >/dev/null
$PY manage.py shell -v 0 -c "from django.core.cache import cache; cache.clear()"
$PY manage.py migrate --no-input -v0

start_sink "$SINK_PORT" "$DRILL_WORK/mail"

# No worker yet: what seeding queues (mail, the PDF of the published report) waits in Redis.
$PY manage.py seed_demo --force
$PY scripts/drills/crash_drill.py
