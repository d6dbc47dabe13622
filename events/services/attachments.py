"""Attachments: uploads checked by size and by content, stored under generated names."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Attachment, Event
from events.services._common import _check_manager
from qnet.models import User
from qnet.services import audit_entry_create

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

# What the first bytes say a file is, and the extension it is stored and served with.
_OOXML = {
    "word/": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "ppt/": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xl/": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def sniff(head: bytes, data: bytes) -> tuple[str, str] | None:
    """(extension, content type) judged by content, or None for anything not allowed."""
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype in _ODF:
                        return _ODF[mimetype], mimetype.decode()
                if "[Content_Types].xml" in names:
                    for prefix, found in _OOXML.items():
                        if any(name.startswith(prefix) for name in names):
                            return found
        except zipfile.BadZipFile:
            return None
    return None


@transaction.atomic
def attachment_create(*, actor: User, event: Event, kind: str, title: str, upload) -> Attachment:
    _check_manager(actor, event)
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"upload": _("The file is larger than %(size)s MB.") % {"size": 10}})
    data = upload.read()
    found = sniff(data[:16], data)
    if found is None:
        raise ValidationError(
            {"upload": _("Only PDF, images (PNG, JPEG) and office documents can be attached.")}
        )
    extension, content_type = found
    base = (upload.name or "file").rsplit(".", 1)[0][:150] or "file"
    upload.seek(0)
    attachment = Attachment(
        event=event,
        kind=kind,
        title=title,
        original_name=f"{base}.{extension}",
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(f"upload.{extension}", upload, save=False)
    attachment.save()
    audit_entry_create(actor=actor, action="attachment.create", target=event, data={"title": title})
    return attachment


@transaction.atomic
def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    _check_manager(actor, attachment.event)
    audit_entry_create(
        actor=actor,
        action="attachment.delete",
        target=attachment.event,
        data={"title": attachment.title},
    )
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(stored))
