import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.tests.test_services_attachments import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def attachment(coordinator, event):
    return services.attachment_create(
        actor=coordinator,
        event=event,
        kind="slides",
        title="Slides",
        upload=SimpleUploadedFile("slides.pdf", PDF),
    )


def url(attachment):
    return f"/events/{attachment.event_id}/attachments/{attachment.pk}/"


def test_registered_people_download_it_as_an_attachment(login, leader_a, event, attachment):
    services.registration_create(actor=leader_a, event=event)
    response = login(leader_a).get(url(attachment))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="slides.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_the_detail_page_lists_files_only_for_participants(
    login, leader_a, leader_b, event, attachment
):
    services.registration_create(actor=leader_a, event=event)
    link = f"/events/{event.pk}/attachments/{attachment.pk}/"
    assert link not in login(leader_b).get(f"/events/{event.pk}/").content.decode()
    assert link in login(leader_a).get(f"/events/{event.pk}/").content.decode()


def test_unregistered_members_get_403(login, leader_b, attachment):
    assert login(leader_b).get(url(attachment)).status_code == 403


def test_it_answers_404_outside_the_scope(login, outsider, attachment):
    assert login(outsider).get(url(attachment)).status_code == 404


def test_it_redirects_anonymous_to_login(client, attachment):
    assert client.get(url(attachment)).status_code == 302


def test_it_rejects_post(login, coordinator, attachment):
    assert login(coordinator).post(url(attachment)).status_code == 405
