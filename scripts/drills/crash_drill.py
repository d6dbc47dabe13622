"""Crash drill: SIGKILL a real Celery worker while it renders a PDF and sends reminders.

Started by crash_drill.sh, which has migrated and seeded a database of its own, started the
SMTP sink and set the environment (short CELERY_VISIBILITY_TIMEOUT and time limits). This
driver makes reminders due, requests the PDF through the service the page uses, starts
`celery -A qnet worker -Q celery,pdf`, waits until the PDF is being laid out and reminders
are going out, kills the worker's whole process group with SIGKILL, waits for the broker's
visibility timeout, starts a new worker and waits. If redelivery alone does not finish the
work, it ticks "beat" by hand (reminders and outbox flush, as qnet/celery.py schedules
them). Then it checks that everything happened exactly once and prints PASS or FAIL.
"""

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qnet.settings")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from events.management.commands.bench_reminder_fanout import seed_due_reminders  # noqa: E402
from events.models import Event, Registration, Reminder  # noqa: E402
from events.tasks import reminders_send_task  # noqa: E402
from qnet.models import OutboxMessage, User  # noqa: E402
from qnet.tasks import outbox_flush_task  # noqa: E402
from reports.models import AnnualReport, Rendition  # noqa: E402
from reports.services import rendition_request  # noqa: E402

WORK = Path(os.environ["DRILL_WORK"])
MAIL_DIR = WORK / "mail"
EXTRA_REMINDERS = int(os.environ.get("DRILL_REMINDERS", "4000"))
VISIBILITY = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)


def say(text: str) -> None:
    print(f"[drill {time.strftime('%H:%M:%S')}] {text}", flush=True)


def start_worker(name: str) -> subprocess.Popen:
    log = open(WORK / f"{name}.log", "wb")  # noqa: SIM115 - kept open for the worker's life
    worker = subprocess.Popen(  # noqa: S603 - a fixed command line, no outside input
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "qnet",
            "worker",
            "-Q",
            "celery,pdf",
            # Three: one renders, one selects reminders, one hands mail to SMTP.
            "--concurrency",
            "3",
            "--loglevel=INFO",
            "--hostname",
            f"{name}@%h",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill takes the children too
    )
    say(f"started {name} (pid {worker.pid}, log {WORK / f'{name}.log'})")
    return worker


def sendable_reminders():
    now = timezone.now()
    return Reminder.objects.filter(
        registration__status=Registration.Status.CONFIRMED,
        registration__event__status=Event.Status.PUBLISHED,
        registration__event__starts_at__gt=now,
    )


def state(rendition_id: int, expected_keys: set[str]) -> dict:
    rendition = Rendition.objects.get(pk=rendition_id)
    reminders = Reminder.objects.filter(pk__in=EXPECTED_REMINDERS)
    outbox = OutboxMessage.objects.filter(dedupe_key__in=expected_keys)
    return {
        "rendition": f"{rendition.status}/{rendition.progress}%/attempts={rendition.attempts}",
        "rendition_done": rendition.status == Rendition.Status.DONE,
        "reminders_sent": reminders.filter(sent_at__isnull=False).count(),
        "outbox_rows": outbox.count(),
        "outbox_sent": outbox.filter(status=OutboxMessage.Status.SENT).count(),
        "mails": sum(1 for _ in MAIL_DIR.glob("*.eml")),
        "unacked": broker.hlen("unacked"),
        "queued": broker.llen("celery") + broker.llen("pdf"),
    }


def line(snapshot: dict) -> str:
    return (
        f"rendition {snapshot['rendition']} | reminders sent "
        f"{snapshot['reminders_sent']}/{len(EXPECTED_REMINDERS)} | outbox rows "
        f"{snapshot['outbox_rows']} sent {snapshot['outbox_sent']} | mails at sink "
        f"{snapshot['mails']} | broker queued {snapshot['queued']} unacked {snapshot['unacked']}"
    )


def complete(snapshot: dict) -> bool:
    total = len(EXPECTED_REMINDERS)
    return (
        snapshot["rendition_done"]
        and snapshot["reminders_sent"] == total
        and snapshot["outbox_sent"] == total
        and not OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
    )


def sink_mails() -> Counter:
    mails = Counter()
    for path in MAIL_DIR.glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        mails[(str(message["To"]), str(message["Subject"]))] += 1
    return mails


# --- 1. reminders due, the PDF requested -------------------------------------------------
sendable_reminders().filter(sent_at__isnull=True).update(
    due_at=timezone.now() - timedelta(minutes=1)
)
demo_keys = {
    f"reminder:{registration_id}:{kind}"
    for registration_id, kind in sendable_reminders()
    .filter(sent_at__isnull=True)
    .values_list("registration_id", "kind")
}
_network, bench_keys = seed_due_reminders(EXTRA_REMINDERS, 10)
expected_keys = demo_keys | set(bench_keys)
EXPECTED_REMINDERS = set(
    sendable_reminders().filter(sent_at__isnull=True).values_list("pk", flat=True)
)
say(
    f"{len(EXPECTED_REMINDERS)} reminders due ({len(demo_keys)} of the demo, "
    f"{len(bench_keys)} added on a network of their own)"
)

report = AnnualReport.objects.filter(status=AnnualReport.Status.PUBLISHED).latest("year")
staff = User.objects.get(email="authority@example.org")
rendition = rendition_request(actor=staff, report=report, kind=Rendition.Kind.PDF)
say(
    f"PDF of {report} requested through reports.services.rendition_request: rendition "
    f"{rendition.pk} {rendition.status}; render tasks waiting in the pdf queue: "
    f"{broker.llen('pdf')} (publishing the report queued it, the second request added none)"
)
reminders_send_task.delay()
say("enqueued events.tasks.reminders_send_task (as beat does every five minutes)")

# --- 2. a worker starts; kill it mid-work ------------------------------------------------
first = start_worker("worker1")
started = time.monotonic()
killed_at = None
while time.monotonic() - started < 180:
    snapshot = state(rendition.pk, expected_keys)
    progress = Rendition.objects.values_list("progress", flat=True).get(pk=rendition.pk)
    rendering = snapshot["rendition"].startswith("running") and progress > 5
    sending = 0 < snapshot["reminders_sent"] < len(EXPECTED_REMINDERS)
    if rendering and sending and snapshot["outbox_sent"] > 0:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        say(f"SIGKILL to worker1's process group after {killed_at - started:.1f} s")
        break
    if snapshot["rendition_done"] and not sending:
        break
    time.sleep(0.05)
if killed_at is None:
    os.killpg(first.pid, signal.SIGKILL)
    say("FAIL: never saw the PDF rendering while reminders were going out; no drill")
    sys.exit(2)
time.sleep(1)
at_kill = state(rendition.pk, expected_keys)
say("state after the kill: " + line(at_kill))
part_files = list(Path(settings.MEDIA_ROOT).rglob("*.part"))
say(f"half-written files (.part) left by the killed render: {len(part_files)}")

# --- 3. wait out the visibility timeout, restart, let redelivery finish -------------------
wait = max(0.0, VISIBILITY + 2 - (time.monotonic() - killed_at))
say(f"waiting {wait:.0f} s: unacked tasks come back after the visibility timeout ({VISIBILITY} s)")
time.sleep(wait)
second = start_worker("worker2")
phase_started = time.monotonic()
finished_by = None
last_print = 0.0
idle_since = None
while time.monotonic() - phase_started < 300:
    snapshot = state(rendition.pk, expected_keys)
    if complete(snapshot):
        finished_by = "redelivery"
        break
    # Nothing queued or in flight for 15 s: whatever is left waits for a periodic task.
    if snapshot["queued"] == 0 and snapshot["unacked"] == 0:
        idle_since = idle_since or time.monotonic()
        if time.monotonic() - idle_since > 15:
            break
    else:
        idle_since = None
    if time.monotonic() - last_print > 10:
        last_print = time.monotonic()
        say("  " + line(snapshot))
    time.sleep(0.5)
redelivered_in = time.monotonic() - phase_started
say(f"redelivered work done after {redelivered_in:.1f} s: " + line(snapshot))
if finished_by is None:
    stuck = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count()
    say(
        f"not complete by redelivery alone: {stuck} outbox rows pending with no task in the "
        "broker; ticking beat by hand: reminders + outbox flush every 10 s"
    )
    for _tick in range(12):
        reminders_send_task.delay()
        outbox_flush_task.delay()
        time.sleep(10)
        snapshot = state(rendition.pk, expected_keys)
        say("  " + line(snapshot))
        if complete(snapshot):
            finished_by = "beat"
            break
took = time.monotonic() - phase_started
time.sleep(2)  # let a duplicate, if any, reach the sink
os.killpg(second.pid, signal.SIGTERM)
second.wait(timeout=60)

# --- 4. exactly once? ---------------------------------------------------------------------
failures = []
final = state(rendition.pk, expected_keys)
say("final state: " + line(final))
say(f"completed by {finished_by or 'nothing'} {took:.1f} s after the restart")
rendition.refresh_from_db()
renditions = Rendition.objects.filter(report=report, kind=Rendition.Kind.PDF)
files = sorted(
    p.name for p in Path(default_storage.path(f"reports/{report.authority_id}")).iterdir()
)
checksum_ok = False
if rendition.file:
    checksum_ok = (
        hashlib.sha256(Path(rendition.file.path).read_bytes()).hexdigest() == rendition.checksum
    )
say(
    f"rendition: {renditions.count()} row, status {rendition.status}, attempts "
    f"{rendition.attempts}, file {rendition.file.name}, sha256 matches the file: {checksum_ok}; "
    f"files in the report's folder: {files}"
)
if renditions.count() != 1 or rendition.status != Rendition.Status.DONE:
    failures.append("the PDF rendition is not done exactly once")
if rendition.attempts != 2:
    failures.append(f"attempts {rendition.attempts}, expected 2 (the killed run and one more)")
if not checksum_ok:
    failures.append("the stored sha256 does not match the file")
pdfs = [name for name in files if f"report-{report.pk}-v{report.version}-pdf" in name]
if len(pdfs) != 1 or any(name.endswith(".part") for name in files):
    failures.append(f"expected one PDF file and no .part file, found {files}")

unsent = Reminder.objects.filter(pk__in=EXPECTED_REMINDERS, sent_at__isnull=True).count()
rows = Counter(
    OutboxMessage.objects.filter(dedupe_key__in=expected_keys).values_list("dedupe_key", flat=True)
)
lost_rows = len(expected_keys - set(rows))
say(
    f"reminders: {len(EXPECTED_REMINDERS) - unsent}/{len(EXPECTED_REMINDERS)} marked sent; "
    f"outbox rows for them {sum(rows.values())}, missing {lost_rows}"
)
if unsent or lost_rows or sum(rows.values()) != len(expected_keys):
    failures.append("reminders are not sent exactly once")

sent_rows = Counter(
    OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).values_list("to", "subject")
)
mails = sink_mails()
duplicates = sum(max(0, count - sent_rows[key]) for key, count in mails.items())
losses = sum(max(0, count - mails[key]) for key, count in sent_rows.items())
pending = OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).count()
say(
    f"mail: {sum(sent_rows.values())} outbox rows sent, {pending} not sent; "
    f"{sum(mails.values())} mails at the sink; duplicates {duplicates}, losses {losses}"
)
if duplicates or losses or pending:
    failures.append("mails at the sink do not match the sent outbox rows one to one")

for name in ("worker1", "worker2"):
    text = (WORK / f"{name}.log").read_text(errors="replace").splitlines()
    say(f"{name}.log: {sum('succeeded in' in entry for entry in text)} tasks succeeded")
    for entry in text:
        if "render_pdf" in entry or "reminders_send_task" in entry or "ERROR" in entry:
            print("    " + entry, flush=True)
connection.close()
if failures:
    say("FAIL: " + "; ".join(failures))
    sys.exit(1)
say("PASS: after SIGKILL and restart the PDF was made once and every reminder mailed once")
