import io
import tracemalloc
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


# --- archives that must be refused, not opened -----------------------------------------

ZEROS = 50 * 1024 * 1024


def odf_bytes(mimetype_size: int = 0) -> bytes:
    """An OpenDocument text whose `mimetype` member is padded with `mimetype_size` zeros,
    written a megabyte at a time so the test itself never holds them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(mimetype_size // (1024 * 1024)):
                member.write(bytes(1024 * 1024))
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def encrypted(data: bytes) -> bytes:
    """The same archive with the "encrypted" flag set in every local and central header."""
    patched = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = patched.find(signature)
        while at >= 0:
            patched[at + offset] |= 0x01
            at = patched.find(signature, at + 4)
    return bytes(patched)


def damaged(data: bytes) -> bytes:
    """The same archive with the compressed bytes of its first member overwritten."""
    patched = bytearray(data)
    name_length, extra_length = (
        int.from_bytes(data[26:28], "little"),
        int.from_bytes(data[28:30], "little"),
    )
    start = 30 + name_length + extra_length
    patched[start : start + 16] = b"\xff" * 16
    return bytes(patched)


def test_an_opendocument_file_is_recognised_by_its_mimetype(coordinator, event):
    attachment = services.attachment_create(
        actor=coordinator, event=event, kind="other", title="Text", upload=upload("t", odf_bytes())
    )
    assert (attachment.original_name, attachment.content_type) == (
        "t.odt",
        "application/vnd.oasis.opendocument.text",
    )


def test_a_zip_bomb_is_refused_without_unpacking_it(coordinator, event):
    bomb = odf_bytes(mimetype_size=ZEROS)
    assert len(bomb) < 100 * 1024  # 50 MB of zeros in a file of some kilobytes
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="unpacks to far more"):
            services.attachment_create(
                actor=coordinator, event=event, kind="other", title="Bomb", upload=upload("b", bomb)
            )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: encrypted(odf_bytes()), "Password-protected"),
        (lambda: encrypted(docx_bytes()), "Password-protected"),
        (lambda: damaged(odf_bytes()), "damaged"),
        (lambda: odf_bytes()[:-30], "damaged"),
    ],
    ids=["encrypted-odf", "encrypted-docx", "corrupt-member", "truncated"],
)
def test_a_broken_or_encrypted_archive_is_refused_with_its_reason(
    coordinator, event, make, message
):
    with pytest.raises(ValidationError, match=message):
        services.attachment_create(
            actor=coordinator, event=event, kind="other", title="x", upload=upload("x", make())
        )
    assert not Attachment.objects.exists()


def test_an_archive_packed_with_another_method_is_refused(coordinator, event):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_LZMA) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ValidationError, match="packed in a way"):
        services.attachment_create(
            actor=coordinator,
            event=event,
            kind="other",
            title="x",
            upload=upload("x.docx", buffer.getvalue()),
        )


def test_an_archive_of_too_many_members_is_refused_before_it_is_opened(
    coordinator, event, monkeypatch
):
    monkeypatch.setattr("events.services.attachments.MAX_ARCHIVE_MEMBERS", 1)
    with pytest.raises(ValidationError, match="unpacks to far more"):
        services.attachment_create(
            actor=coordinator,
            event=event,
            kind="other",
            title="x",
            upload=upload("x", docx_bytes()),
        )
