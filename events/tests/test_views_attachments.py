import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events.models import Attachment
from events.tests.test_services_attachments import PDF, ZEROS, damaged, encrypted, odf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(event):
    return f"/events/{event.pk}/attachments/"


def test_it_uploads_a_file(login, coordinator, event):
    client = login(coordinator)
    assert client.get(url(event)).status_code == 200
    response = client.post(
        url(event),
        {"kind": "agenda", "title": "Agenda", "upload": SimpleUploadedFile("agenda.pdf", PDF)},
    )
    assert response.status_code == 302
    assert Attachment.objects.get().title == "Agenda"


def test_a_wrong_type_is_refused_with_a_message(login, coordinator, event):
    response = login(coordinator).post(
        url(event),
        {"kind": "other", "title": "x", "upload": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
    )
    assert response.status_code == 200
    assert "Only PDF" in response.content.decode()
    assert not Attachment.objects.exists()


def test_members_may_not_upload(login, leader_a, event):
    assert login(leader_a).get(url(event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, event):
    assert login(coordinator).delete(url(event)).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: odf_bytes(mimetype_size=ZEROS), "unpacks to far more"),
        (lambda: encrypted(odf_bytes()), "Password-protected"),
        (lambda: damaged(odf_bytes()), "damaged"),
        (lambda: odf_bytes()[:-30], "damaged"),
    ],
    ids=["zip-bomb", "encrypted", "corrupt-member", "truncated"],
)
def test_a_bad_archive_is_refused_with_a_message(login, coordinator, event, data, message):
    response = login(coordinator).post(
        url(event),
        {"kind": "other", "title": "x", "upload": SimpleUploadedFile("x.odt", data())},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
