"""An annual report is the authority's document: frozen and printed in its language,
whatever language the person publishing it reads the portal in, and whatever language a
worker (which has no request) happens to run in."""

import json
import re

import pytest
from django.utils import translation

from qnet.models import Authority
from reports import pdf, services, tasks
from reports.models import Rendition
from reports.services.renditions import Outcome

pytestmark = pytest.mark.django_db


def _authority_speaks(world, language: str) -> None:
    Authority.objects.filter(pk=world.authority.pk).update(language=language)


def test_publishing_freezes_the_report_in_the_authoritys_language(
    in_review, authority_staff, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    _authority_speaks(world, "de")
    in_review.authority.refresh_from_db()
    with translation.override("en"):
        report = services.report_publish(actor=authority_staff, report=in_review)
    assert report.snapshot["language"] == "de"
    frozen = json.dumps(report.snapshot, ensure_ascii=False)
    # Figures are frozen as text with the German decimal comma.
    assert re.search(r'"t": "\d+,\d"', frozen)
    assert not re.search(r'"t": "\d+\.\d"', frozen)


def test_the_pdf_task_prints_in_the_authoritys_language_with_its_dates(
    in_review, authority_staff, world, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    _authority_speaks(world, "nb")
    in_review.authority.refresh_from_db()
    report = services.report_publish(actor=authority_staff, report=in_review)
    report.snapshot["published_at"] = "2026-12-04T13:30:00+01:00"
    report.save(update_fields=["snapshot"])
    printed = []
    real_report_html = pdf.report_html

    def spy(content, *, language):
        printed.append(real_report_html(content, language=language))
        return printed[-1]

    monkeypatch.setattr(pdf, "report_html", spy)
    rendition = Rendition.objects.get(report=report, kind=Rendition.Kind.PDF)
    # The worker's own language is not the authority's.
    with translation.override("en"):
        assert tasks.render_pdf.apply(args=[rendition.pk]).get() == Outcome.DONE
    (html,) = printed
    assert "4. desember 2026" in html
    assert "2026-12-04" not in html
    assert 'lang="nb"' in html
