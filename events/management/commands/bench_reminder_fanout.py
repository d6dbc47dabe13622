"""Benchmark: N due event reminders fanned out by a real Celery worker, counted at the end.

Needs a dedicated PostgreSQL database and Redis database with a worker listening, which
`scripts/drills/reminder_fanout.sh` provides (worker with concurrency 2, mail to a local
SMTP sink). The command seeds N confirmed registrations whose reminder is due now
(bulk_create on the real models), enqueues the periodic reminder task the way beat does,
several times at once as if the schedule were doubled, and waits. It reports the seconds
from the enqueue until every reminder is marked sent and until every mail has left, and
checks that each (person, reminder kind) has exactly one outbox row and one mail.

Run (after migrate, with the worker of the wrapper script):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/qnet_bench REDIS_URL=redis://127.0.0.1:6379/7 \
    python manage.py bench_reminder_fanout --mail-dir DIR [--reminders 20000] [--beats 2]
"""

import time
from collections import Counter
from datetime import timedelta
from email import message_from_bytes
from email.utils import getaddresses
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from events.models import Event, Format, Kind, Registration, Reminder
from events.tasks import reminders_send_task
from qnet.models import Authority, Network, OutboxMessage, User
from qnet.tasks import ping

BENCH_NETWORK = "Reminder fan-out bench"
EMAIL_PREFIX = "bench-fanout-"
KIND = "1d"


class Command(BaseCommand):
    help = "Time N due reminders through a real worker and count duplicates and losses."

    def add_arguments(self, parser):
        parser.add_argument("--reminders", type=int, default=20_000)
        parser.add_argument("--events", type=int, default=20, help="events to spread them on")
        parser.add_argument(
            "--beats", type=int, default=2, help="reminder tasks enqueued at the same moment"
        )
        parser.add_argument("--mail-dir", required=True, help="where the SMTP sink stores mail")
        parser.add_argument("--timeout", type=int, default=900, help="seconds to wait at most")

    def handle(self, *args, reminders, events, beats, mail_dir, timeout, **options):
        self._check_setup(mail_dir)
        self.mail_dir = Path(mail_dir)
        ping.delay().get(timeout=30)  # a worker is listening

        self._reset()
        started = time.perf_counter()
        network, expected = seed_due_reminders(reminders, events)
        self.stdout.write(
            f"seeded {len(expected)} due reminders on {events} events "
            f"in {time.perf_counter() - started:.1f} s"
        )

        enqueued = time.perf_counter()
        for _ in range(beats):
            reminders_send_task.delay()
        self.stdout.write(f"enqueued events.tasks.reminders_send_task x{beats}")
        reminders_done, mails_done = self._wait(network, len(expected), enqueued, timeout)

        failures = self._verify(network, expected)
        total = len(expected)
        self.stdout.write(
            f"reminders={total} beats={beats} worker concurrency: see the worker log\n"
            f"all reminders marked sent after {_seconds(reminders_done, enqueued)}\n"
            f"all outbox mails sent after {_seconds(mails_done, enqueued)}"
            + (f" ({total / (mails_done - enqueued):.0f} mails/s)" if mails_done else "")
        )
        for line in self.report:
            self.stdout.write(line)
        if failures:
            raise CommandError("FAIL: " + "; ".join(failures))
        self.stdout.write("PASS: every reminder sent exactly once, no duplicate, no loss")

    def _check_setup(self, mail_dir: str) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError("Set REDIS_URL: the benchmark needs a real broker and worker.")
        name = connection.settings_dict["NAME"]
        if connection.vendor != "postgresql" or "bench" not in name:
            raise CommandError(
                f"Refusing to seed {connection.vendor} database {name!r}: use a dedicated "
                "PostgreSQL database whose name contains 'bench' (e.g. qnet_bench)."
            )
        if not Path(mail_dir).is_dir():
            raise CommandError(f"{mail_dir} is not a directory (start the SMTP sink first).")

    def _reset(self) -> None:
        """Remove what an earlier run left, so the counts below are this run's alone."""
        OutboxMessage.objects.filter(to__startswith=EMAIL_PREFIX).delete()
        Event.objects.filter(network__name=BENCH_NETWORK).delete()
        Format.objects.filter(network__name=BENCH_NETWORK).delete()
        Network.objects.filter(name=BENCH_NETWORK).delete()
        Authority.objects.filter(name=BENCH_NETWORK).delete()
        User.objects.filter(email__startswith=EMAIL_PREFIX).delete()
        for stale in self.mail_dir.glob("*.eml"):
            stale.unlink()

    def _wait(self, network: Network, total: int, enqueued: float, timeout: int):
        unsent = Reminder.objects.filter(registration__event__network=network, sent_at__isnull=True)
        outbox = OutboxMessage.objects.filter(to__startswith=EMAIL_PREFIX)
        reminders_done = mails_done = None
        last_line = 0.0
        while time.perf_counter() - enqueued < timeout:
            now = time.perf_counter()
            if reminders_done is None and not unsent.exists():
                reminders_done = now
            sent = outbox.filter(status=OutboxMessage.Status.SENT).count()
            if reminders_done is not None and sent >= total:
                mails_done = now
                break
            if now - last_line >= 10:
                last_line = now
                self.stdout.write(
                    f"  t={now - enqueued:5.1f} s  reminders unsent={unsent.count()}  "
                    f"outbox sent={sent}  mails at the sink={self._mail_count()}"
                )
            time.sleep(0.25)
        return reminders_done, mails_done

    def _mail_count(self) -> int:
        return sum(1 for _ in self.mail_dir.glob("*.eml"))

    def _verify(self, network: Network, expected: dict[str, str]) -> list[str]:
        failures = []
        self.report = []
        reminders = Reminder.objects.filter(registration__event__network=network)
        unsent = reminders.filter(sent_at__isnull=True).count()
        self.report.append(f"reminders marked sent: {reminders.count() - unsent}/{len(expected)}")
        if unsent:
            failures.append(f"{unsent} reminders never marked sent")

        rows = list(
            OutboxMessage.objects.filter(to__startswith=EMAIL_PREFIX).values_list(
                "dedupe_key", "to", "status"
            )
        )
        keys = Counter(key for key, _to, _status in rows)
        row_duplicates = sum(n - 1 for n in keys.values() if n > 1)
        row_duplicates += sum(n - 1 for n in Counter(to for _k, to, _s in rows).values() if n > 1)
        row_losses = len(set(expected) - set(keys))
        not_sent = sum(1 for *_rest, status in rows if status != OutboxMessage.Status.SENT)
        self.report.append(
            f"outbox rows: {len(rows)}, duplicates={row_duplicates}, losses={row_losses}, "
            f"not sent={not_sent}"
        )
        if row_duplicates or row_losses or not_sent:
            failures.append("outbox rows do not match the reminders one to one")

        received = Counter()
        for path in self.mail_dir.glob("*.eml"):
            message = message_from_bytes(path.read_bytes())
            for _name, address in getaddresses(message.get_all("To", [])):
                received[address] += 1
        wanted = set(expected.values())
        mail_duplicates = sum(n - 1 for address, n in received.items() if n > 1)
        mail_losses = len(wanted - set(received))
        strangers = len(set(received) - wanted)
        self.report.append(
            f"mails at the SMTP sink: {sum(received.values())}, duplicates={mail_duplicates}, "
            f"losses={mail_losses}, unexpected={strangers}"
        )
        if mail_duplicates or mail_losses or strangers:
            failures.append("mails do not match the reminders one to one")
        return failures


def seed_due_reminders(count: int, event_count: int) -> tuple[Network, dict[str, str]]:
    """N confirmed registrations on a network of their own, each with one reminder due now.

    Returns the network and {dedupe key: address}: one address per (person, kind), so a
    mail's recipient tells which reminder it was. Also used by the crash drill.
    """
    now = timezone.now()
    authority = Authority.objects.create(name=BENCH_NETWORK, country="DE")
    network = Network.objects.create(
        name=BENCH_NETWORK, authority=authority, time_zone="Europe/Berlin"
    )
    event_format = Format.objects.create(
        network=network, kind=Kind.COORDINATOR_MEETING, name="Bench meeting"
    )
    starts = now + timedelta(hours=20)
    events = Event.objects.bulk_create(
        Event(
            format=event_format,
            network=network,
            title=f"Bench meeting {index + 1}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            status=Event.Status.PUBLISHED,
            reminder_days=[1],
        )
        for index in range(event_count)
    )
    people = User.objects.bulk_create(
        User(email=f"{EMAIL_PREFIX}{index:06d}@example.org", full_name=f"Bench {index}")
        for index in range(count)
    )
    registrations = Registration.objects.bulk_create(
        Registration(
            event=events[index % event_count],
            person=person,
            status=Registration.Status.CONFIRMED,
        )
        for index, person in enumerate(people)
    )
    Reminder.objects.bulk_create(
        Reminder(registration=registration, kind=KIND, due_at=now - timedelta(minutes=1))
        for registration in registrations
    )
    # One mail per person: the address says which (person, kind) a mail was for.
    expected = {
        f"reminder:{registration.pk}:{KIND}": person.email
        for registration, person in zip(registrations, people, strict=True)
    }
    return network, expected


def _seconds(moment: float | None, start: float) -> str:
    return "never (timeout)" if moment is None else f"{moment - start:.1f} s"
