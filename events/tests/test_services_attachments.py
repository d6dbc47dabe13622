import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_pdf_is_stored_under_a_generated_name(coordinator, event):
    attachment = services.attachment_create(
        actor=coordinator,
        event=event,
        kind="agenda",
        title="Agenda",
        upload=upload("../../etc/passwd.pdf", PDF),
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.startswith("events/attachments/")
    assert "passwd" not in attachment.file.name
    assert attachment.original_name == "passwd.pdf"
    assert attachment.file.read() == PDF


def test_the_type_comes_from_the_content_not_the_name(coordinator, event):
    attachment = services.attachment_create(
        actor=coordinator,
        event=event,
        kind="slides",
        title="Slides",
        upload=upload("slides.exe", docx_bytes()),
    )
    assert attachment.original_name == "slides.docx"
    with pytest.raises(ValidationError, match="Only PDF"):
        services.attachment_create(
            actor=coordinator,
            event=event,
            kind="other",
            title="Script",
            upload=upload("harmless.pdf", b"<html><script>alert(1)</script>"),
        )
    assert Attachment.objects.count() == 1


def test_a_file_too_large_is_refused(coordinator, event, monkeypatch):
    monkeypatch.setattr("events.services.attachments.MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(ValidationError, match="larger than"):
        services.attachment_create(
            actor=coordinator, event=event, kind="agenda", title="Big", upload=upload("a.pdf", PDF)
        )
    assert not Attachment.objects.exists()


def test_members_cannot_attach(leader_a, event):
    with pytest.raises(PermissionDenied):
        services.attachment_create(
            actor=leader_a, event=event, kind="agenda", title="x", upload=upload("a.pdf", PDF)
        )
