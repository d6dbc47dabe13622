from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from qnet.celery import app
from reports import services, tasks
from reports.models import Rendition
from reports.services.renditions import Outcome


def _rendition(report):
    return Rendition.objects.get(report=report, kind=Rendition.Kind.PDF)


def test_the_same_task_twice_makes_one_rendition_and_one_file(published, tmp_path):
    rendition = _rendition(published)
    assert tasks.render_pdf.apply(args=[rendition.pk]).get() == Outcome.DONE
    assert tasks.render_pdf.apply(args=[rendition.pk]).get() == Outcome.SKIPPED
    services.rendition_request(actor=None, report=published, kind=Rendition.Kind.PDF)
    assert Rendition.objects.filter(report=published).count() == 1
    files = [p for p in Path(tmp_path).rglob("*") if p.is_file()]
    assert [p.name for p in files] == [Path(_rendition(published).file.name).name]


def test_a_run_already_underway_is_not_started_again(published):
    rendition = _rendition(published)
    Rendition.objects.filter(pk=rendition.pk).update(status="running", started_at=timezone.now())
    assert services.rendition_render(rendition_id=rendition.pk) == Outcome.SKIPPED


def test_a_run_whose_worker_died_is_taken_over(published, settings):
    rendition = _rendition(published)
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    Rendition.objects.filter(pk=rendition.pk).update(
        status="running", started_at=long_ago, attempts=1
    )
    assert services.rendition_render(rendition_id=rendition.pk) == Outcome.DONE
    assert _rendition(published).attempts == 2


def test_a_failure_is_stored_retried_and_leaves_no_file(published, monkeypatch, tmp_path):
    def boom(content, *, language, progress):
        progress(50)
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("reports.pdf.report_pdf", boom)
    rendition = _rendition(published)
    assert services.rendition_render(rendition_id=rendition.pk, may_retry=True) == Outcome.RETRY
    assert _rendition(published).status == "queued"
    assert services.rendition_render(rendition_id=rendition.pk, may_retry=False) == Outcome.FAILED
    failed = _rendition(published)
    assert failed.status == "failed"
    assert "fonts missing" in failed.error
    assert not [p for p in Path(tmp_path).rglob("*") if p.is_file()]
    monkeypatch.undo()
    services.rendition_request(actor=None, report=published, kind=Rendition.Kind.PDF)
    assert _rendition(published).status == "queued"
    assert services.rendition_render(rendition_id=rendition.pk) == Outcome.DONE


def test_an_eager_failure_fails_at_once(published, monkeypatch):
    monkeypatch.setattr("reports.pdf.report_pdf", lambda content, language, progress: 1 / 0)
    rendition = _rendition(published)
    assert tasks.render_pdf.apply(args=[rendition.pk]).get() == Outcome.FAILED


def test_retries_back_off_within_the_visibility_timeout(settings):
    delays = [services.renditions.retry_delay(n) for n in (1, 2, 3, 4)]
    assert delays == sorted(delays)
    assert max(delays) < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


@pytest.fixture
def sent(monkeypatch):
    """The rendition ids handed to the broker, instead of running them."""
    ids = []
    monkeypatch.setattr(tasks.render_pdf, "delay", lambda rendition_id: ids.append(rendition_id))
    return ids


def _requeue_run(capture) -> int:
    with capture(execute=True):
        return tasks.renditions_requeue_stuck_task.apply().get()


def _age(rendition, **fields):
    Rendition.objects.filter(pk=rendition.pk).update(
        updated_at=timezone.now() - timedelta(hours=2), **fields
    )


def test_a_queued_rendition_whose_task_was_lost_is_queued_again_once(
    published, sent, django_capture_on_commit_callbacks
):
    stuck = _rendition(published)
    _age(stuck)
    fresh = Rendition.objects.create(
        report=published, kind=Rendition.Kind.SCHOOL_STATUS_ZIP, report_version=published.version
    )
    assert _requeue_run(django_capture_on_commit_callbacks) == 1
    assert _requeue_run(django_capture_on_commit_callbacks) == 0
    assert sent == [stuck.pk]
    assert {r.status for r in Rendition.objects.filter(pk__in=[stuck.pk, fresh.pk])} == {"queued"}


def test_a_requeued_rendition_is_rendered(published, django_capture_on_commit_callbacks):
    stuck = _rendition(published)
    _age(stuck)
    _requeue_run(django_capture_on_commit_callbacks)
    assert _rendition(published).status == "done"


def test_a_run_killed_at_its_time_limit_is_queued_again(
    published, sent, settings, django_capture_on_commit_callbacks
):
    rendition = _rendition(published)
    started = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    _age(rendition, status="running", started_at=started, attempts=1)
    assert _requeue_run(django_capture_on_commit_callbacks) == 1
    assert sent == [rendition.pk]
    assert services.rendition_render(rendition_id=rendition.pk) == Outcome.DONE


def test_a_run_still_within_its_time_limit_is_left_alone(
    published, sent, django_capture_on_commit_callbacks
):
    rendition = _rendition(published)
    _age(rendition, status="running", started_at=timezone.now() - timedelta(seconds=30))
    assert _requeue_run(django_capture_on_commit_callbacks) == 0
    assert sent == []


def test_a_dead_run_without_attempts_left_fails_instead(
    published, sent, settings, django_capture_on_commit_callbacks
):
    rendition = _rendition(published)
    started = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    _age(rendition, status="running", started_at=started, attempts=services.renditions.MAX_ATTEMPTS)
    assert _requeue_run(django_capture_on_commit_callbacks) == 0
    assert sent == []
    assert _rendition(published).status == "failed"


def test_a_failed_rendition_retried_now_is_not_taken_for_a_stuck_one(
    published, authority_staff, sent, django_capture_on_commit_callbacks
):
    rendition = _rendition(published)
    _age(rendition, status="failed", error="RuntimeError: fonts missing")
    with django_capture_on_commit_callbacks(execute=True):
        services.rendition_request(actor=authority_staff, report=published, kind=Rendition.Kind.PDF)
    assert sent == [rendition.pk]
    assert _requeue_run(django_capture_on_commit_callbacks) == 0
    assert sent == [rendition.pk]


def test_the_requeue_runs_from_the_beat_schedule():
    entry = app.conf.beat_schedule["reports-renditions-requeue"]
    assert entry["task"] == tasks.renditions_requeue_stuck_task.name
