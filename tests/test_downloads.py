"""Every download of the project: CSV files made by the one safe helper, in the reader's
spreadsheet layout, and personal files never kept by a browser or a proxy.

The objects come from the permission matrix's world (tests/permission_matrix/world.py).
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from coalitions.models import Card
from events.models import Registration
from tests.permission_matrix.world import build

APPS = ["qnet", "events", "coalitions", "selfassessment", "reports"]

# (URL name, URL kwargs from the world, who downloads it)
CSV_DOWNLOADS = [
    ("events:participants", lambda w: {"pk": w.event.pk}, "coordinator"),
    (
        "coalitions:prioritisation_csv",
        lambda w: {"prioritisation_pk": w.finished_prioritisation.pk},
        "leader_b",
    ),
    ("selfassessment:import_template", lambda w: {}, "authority"),
]
PRIVATE_DOWNLOADS = [
    *CSV_DOWNLOADS,
    ("qnet:data_export", lambda w: {}, "leader_a"),
    ("events:calendar", lambda w: {"pk": w.event.pk}, "leader_a"),
    ("events:series_calendar", lambda w: {"pk": w.series.pk}, "leader_a"),
    ("events:feed", lambda w: {"token": w.feed.token}, None),
    (
        "events:attachment_download",
        lambda w: {"pk": w.past_event.pk, "attachment_pk": w.attachment.pk},
        "leader_a",
    ),
    ("coalitions:download", lambda w: {"resource_pk": w.resource.pk}, "staff_a"),
    (
        "reports:rendition_download",
        lambda w: {"pk": w.published_report.pk, "kind": "pdf"},
        "authority",
    ),
]
# Text a participant or card author could type to plant a formula for the reader.
PLANTED = 'ok;=HYPERLINK("http://evil");\n-2+3,@SUM(A1)'


def _path(name, kwargs, w) -> str:
    path = reverse(name, kwargs=kwargs(w))
    return path + "?format=csv" if name == "events:participants" else path


@pytest.fixture
def matrix_world(world, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build(world, personas)


def _as(client, login, personas, persona):
    return login(getattr(personas, persona)) if persona else client


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "persona"), CSV_DOWNLOADS)
def test_every_csv_download_is_safe_and_in_the_readers_layout(
    name, kwargs, persona, matrix_world, personas, client, login
):
    Registration.objects.filter(event=matrix_world.event).update(notes=PLANTED)
    Card.objects.filter(deck=matrix_world.deck).update(front=PLANTED)
    user = getattr(personas, persona)
    user.preferred_language = "de"
    user.save(update_fields=["preferred_language"])

    response = login(user).get(_path(name, kwargs, matrix_world))

    assert response.status_code == 200
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw[1:], newline=""), delimiter=";"))
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    # Every cell quoted: the file is exactly what a quote-all writer makes of its cells.
    again = io.StringIO(newline="")
    csv.writer(again, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)
    assert again.getvalue() == raw[1:]
    for piece in re.split(r"[,;\t\r\n]", raw[1:]):
        assert not piece.lstrip(' "').startswith(("=", "+", "-", "@")), piece


def test_no_module_writes_csv_but_the_one_helper():
    root = Path(django_settings.BASE_DIR)
    writers = re.compile(r"csv\.writer|DictWriter|text/csv")
    found = [
        str(path.relative_to(root))
        for app in APPS
        for path in (root / app).rglob("*.py")
        if "tests" not in path.relative_to(root).parts
        and path != root / "qnet" / "exports.py"
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"CSV written outside qnet.exports.csv_response: {found}"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "persona"), PRIVATE_DOWNLOADS)
def test_personal_downloads_are_never_stored(
    name, kwargs, persona, matrix_world, personas, client, login
):
    response = _as(client, login, personas, persona).get(_path(name, kwargs, matrix_world))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


@pytest.mark.django_db
def test_the_published_reports_pdf_may_be_cached(matrix_world, client):
    response = client.get(reverse("reports:pdf", kwargs={"pk": matrix_world.published_report.pk}))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")
