import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.models import Attachment
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
    return f"/events/{attachment.event_id}/attachments/{attachment.pk}/delete/"


def test_it_removes_the_file(login, coordinator, attachment):
    assert login(coordinator).post(url(attachment)).status_code == 302
    assert not Attachment.objects.exists()


def test_members_may_not_remove_files(login, leader_a, attachment):
    assert login(leader_a).post(url(attachment)).status_code == 403


def test_it_answers_404_outside_the_scope(login, outsider, attachment):
    assert login(outsider).post(url(attachment)).status_code == 404


def test_it_redirects_anonymous_to_login(client, attachment):
    assert client.post(url(attachment)).status_code == 302


def test_it_rejects_get(login, coordinator, attachment):
    assert login(coordinator).get(url(attachment)).status_code == 405
