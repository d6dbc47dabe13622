"""Renditions: files made from a published report in the background (PDF, school zip).

Workers ack late, so a killed worker's task runs again and two deliveries of one task may
race. Rendering therefore claims the row with a conditional UPDATE (queued -> running,
checked by row count), writes the file to a temporary name and renames it into place
(a killed worker leaves no half file under the real name), and always writes the same
name for the same report version: rendering twice still leaves one rendition, one file.

A task can also be lost without a worker dying (the broker's Redis emptied or restored
from an older file): a periodic run queues such renditions again (renditions_requeue_stuck).
"""

import hashlib
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import User
from qnet.services import audit_entry_create
from reports import pdf
from reports.models import AnnualReport, Rendition

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A rendition queued (or last re-queued) longer ago than this has lost its task: no retry
# waits longer (retry_delay tops out at 15 minutes) and the pdf queue is short.
STUCK_AFTER = timedelta(minutes=30)
SUFFIX = {Rendition.Kind.PDF: "pdf", Rendition.Kind.SCHOOL_STATUS_ZIP: "zip"}


class Outcome:
    DONE = "done"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def retry_delay(attempts: int) -> int:
    """Seconds before the next try: 30 s, 2 min, 8 min - far below the broker's
    visibility timeout, so no countdown outlives it."""
    return min(30 * 4 ** max(attempts - 1, 0), 900)


@transaction.atomic
def rendition_request(*, actor: User | None, report: AnnualReport, kind: str) -> Rendition:
    """Queue a file for a published report, or return the one already made or underway.

    A failed rendition is queued again in place (the retry button)."""
    # Imported here: the task module imports this one.
    from reports.tasks import render_pdf

    if kind not in Rendition.Kind.values:
        raise ValidationError(_("Unknown kind of file."))
    if report.status != AnnualReport.Status.PUBLISHED:
        raise ValidationError(_("Files are made from a published report only."))
    rendition, created = Rendition.objects.get_or_create(
        report=report, kind=kind, report_version=report.version
    )
    if not created:
        requeued = Rendition.objects.filter(pk=rendition.pk, status=Rendition.Status.FAILED).update(
            # updated_at: when it was queued, which renditions_requeue_stuck goes by.
            status=Rendition.Status.QUEUED,
            progress=0,
            attempts=0,
            error="",
            updated_at=timezone.now(),
        )
        if not requeued:
            return rendition
        rendition.refresh_from_db()
    audit_entry_create(
        actor=actor, action="report.rendition_request", target=report, data={"kind": kind}
    )
    render_pdf.delay_on_commit(rendition.pk)
    return rendition


def _set_progress(rendition_id: int, value: int) -> None:
    Rendition.objects.filter(pk=rendition_id, status=Rendition.Status.RUNNING).update(
        progress=value, updated_at=timezone.now()
    )


def file_name(rendition: Rendition) -> str:
    report = rendition.report
    return (
        f"reports/{report.authority_id}/"
        f"report-{report.pk}-v{rendition.report_version}-{rendition.kind}.{SUFFIX[rendition.kind]}"
    )


def _write_atomically(name: str, data: bytes) -> None:
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as part:
            part.write(data)
            part.flush()
            os.fsync(part.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _dead_run(now) -> Q:
    """A run started longer ago than the hard time limit: its worker is gone."""
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return Q(status=Rendition.Status.RUNNING, started_at__lt=stale)


def _claim(rendition_id: int) -> bool:
    """queued -> running, or take over a run whose worker died (older than the time limit)."""
    now = timezone.now()
    return bool(
        Rendition.objects.filter(pk=rendition_id)
        .filter(Q(status=Rendition.Status.QUEUED) | _dead_run(now))
        .update(
            status=Rendition.Status.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            progress=5,
            error="",
            updated_at=now,
        )
    )


def rendition_render(*, rendition_id: int, may_retry: bool = True) -> str:
    """Render one rendition. Deliberately not one transaction: progress must be visible
    to the browser polling it while the work runs."""
    if not _claim(rendition_id):
        return Outcome.SKIPPED
    rendition = Rendition.objects.select_related("report__authority").get(pk=rendition_id)
    started_at = rendition.started_at
    try:
        content = rendition.report.snapshot

        def progress(value: int) -> None:
            _set_progress(rendition_id, value)

        # A worker has no request, so no language: the PDF is the authority's document.
        language = rendition.report.authority.language
        if rendition.kind == Rendition.Kind.PDF:
            data = pdf.report_pdf(content, language=language, progress=progress)
        else:
            data = pdf.school_status_zip(content, language=language, progress=progress)
        name = file_name(rendition)
        _write_atomically(name, data)
    except Exception as exc:  # noqa: BLE001 - any failure is stored and shown on the page
        logger.exception("Rendition %s failed", rendition_id)
        retry = may_retry and rendition.attempts < MAX_ATTEMPTS
        Rendition.objects.filter(
            pk=rendition_id, status=Rendition.Status.RUNNING, started_at=started_at
        ).update(
            status=Rendition.Status.QUEUED if retry else Rendition.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=None if retry else timezone.now(),
            updated_at=timezone.now(),
        )
        return Outcome.RETRY if retry else Outcome.FAILED
    # Only the run that holds the claim records the result; the file is the same anyway.
    Rendition.objects.filter(
        pk=rendition_id, status=Rendition.Status.RUNNING, started_at=started_at
    ).update(
        status=Rendition.Status.DONE,
        progress=100,
        file=name,
        checksum=hashlib.sha256(data).hexdigest(),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    return Outcome.DONE


@transaction.atomic
def renditions_requeue_stuck() -> int:
    """Queue again the renditions whose task is gone: queued for longer than STUCK_AFTER,
    or running past the time limit with nobody left to retry it (a run killed at its hard
    limit is acknowledged, not delivered again). Each gets one new task per STUCK_AFTER;
    a second delivery is harmless, the claim lets one run through. A dead run that has
    used up its attempts fails instead, and the page offers the retry."""
    from reports.tasks import render_pdf

    now = timezone.now()
    stuck = list(
        Rendition.objects.select_for_update(skip_locked=True)
        .filter(Q(status=Rendition.Status.QUEUED) | _dead_run(now))
        .filter(updated_at__lt=now - STUCK_AFTER)
        .only("pk", "status", "attempts")
    )
    exhausted = [
        r.pk for r in stuck if r.status == Rendition.Status.RUNNING and r.attempts >= MAX_ATTEMPTS
    ]
    Rendition.objects.filter(pk__in=exhausted).update(
        status=Rendition.Status.FAILED,
        error="The run stopped without finishing (time limit or lost worker).",
        finished_at=now,
        updated_at=now,
    )
    requeued = [r.pk for r in stuck if r.pk not in exhausted]
    # updated_at marks the new task, so the next run leaves these alone for STUCK_AFTER.
    Rendition.objects.filter(pk__in=requeued).update(updated_at=now)
    for rendition_id in requeued:
        logger.warning("Rendition %s had lost its task: queued again", rendition_id)
        render_pdf.delay_on_commit(rendition_id)
    return len(requeued)
