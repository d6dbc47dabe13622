import pytest
from django.urls import reverse

from reports.models import Rendition
from reports.tests.helpers import assert_login_redirect


def _url(report, kind="school_status_zip"):
    return reverse("reports:rendition_request", args=[report.pk, kind])


def test_the_school_status_zip_is_made_in_one_batch(
    login, published, authority_staff, world, django_capture_on_commit_callbacks
):
    import io
    import zipfile

    with django_capture_on_commit_callbacks(execute=True):
        assert login(authority_staff).post(_url(published)).status_code == 302
    rendition = Rendition.objects.get(report=published, kind="school_status_zip")
    assert rendition.status == "done"
    with rendition.file.open("rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert names == ["2025-school-a.pdf", "2025-school-b.pdf"]


def test_requesting_twice_makes_one_rendition(login, published, authority_staff):
    client = login(authority_staff)
    client.post(_url(published))
    client.post(_url(published))
    assert Rendition.objects.filter(report=published, kind="school_status_zip").count() == 1


def test_an_unknown_kind_is_404(login, published, authority_staff):
    assert login(authority_staff).post(_url(published, "docx")).status_code == 404


def test_anonymous_is_sent_to_login(client, published):
    assert_login_redirect(client.post(_url(published)))


def test_other_authorities_get_404_for_a_draft(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft)).status_code == 404


@pytest.mark.parametrize("persona", ["leader_a", "other_authority_staff"])
def test_others_may_not_request_files(login, published, persona, request):
    assert login(request.getfixturevalue(persona)).post(_url(published)).status_code == 403


def test_it_rejects_get(login, published, authority_staff):
    assert login(authority_staff).get(_url(published)).status_code == 405
