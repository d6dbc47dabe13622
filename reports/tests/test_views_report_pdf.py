import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import services
from reports.models import Rendition
from reports.tests.conftest import YEAR
from selfassessment.models import Result


def _url(report):
    return reverse("reports:pdf", args=[report.pk])


def _render(report):
    rendition = Rendition.objects.get(report=report, kind="pdf")
    services.rendition_render(rendition_id=rendition.pk)


def test_anyone_downloads_the_pdf_of_a_published_report(client, published):
    _render(published)
    response = client.get(_url(published))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert reader.metadata.title == "Quality report 2025"


def test_suppressed_values_are_absent_from_the_pdf(
    client, in_review, authority_staff, results_world, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Result.objects.filter(school=world.school_a, year=YEAR).update(n=2, value="88.888")
    report = services.report_publish(actor=authority_staff, report=in_review)
    _render(report)
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(b"".join(client.get(_url(report)).streaming_content))).pages
    )
    assert "88.9" not in text
    assert "—" in text


def test_a_pdf_not_made_yet_is_404(client, published):
    assert client.get(_url(published)).status_code == 404


@pytest.mark.parametrize("persona", [None, "leader_a", "other_authority_staff"])
def test_a_draft_has_no_pdf(client, login, draft, persona, request):
    visitor = login(request.getfixturevalue(persona)) if persona else client
    assert visitor.get(_url(draft)).status_code == 404


def test_it_rejects_post(client, published):
    assert client.post(_url(published)).status_code == 405
