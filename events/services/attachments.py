"""Attachments: uploads checked by size and by content, stored under generated names."""

import struct
import zipfile
import zlib
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Attachment, Event
from events.services._common import _check_manager
from qnet.models import User
from qnet.services import audit_entry_create

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# An office document is an archive: these bound what judging one may cost (a 10 MB upload
# can declare gigabytes, or hold so many entries that only listing them fills memory).
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# Office XML packs 5 to 20 times; a member that claims far more is a bomb, not a document.
MAX_PACKING_RATIO = 200
_RATIO_CHECKED_FROM = 1024 * 1024
# The `mimetype` member of an OpenDocument file is one short line.
_MIMETYPE_BYTES = 100
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_COUNT = 0xFFFF

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


def _damaged() -> ValidationError:
    return ValidationError(
        _("The file is damaged and cannot be read. Save it again and upload the new copy.")
    )


def _too_big() -> ValidationError:
    return ValidationError(
        _("The file unpacks to far more than an office document does, so it is refused.")
    )


def _member_count(stream: BinaryIO) -> int:
    """The number of entries the archive's end record declares, read before zipfile lists
    them all."""
    stream.seek(0, 2)
    size = stream.tell()
    # The end record is the last 22 bytes, followed by a comment of up to 64 KiB.
    tail_size = min(size, _END_RECORD_SIZE + 0xFFFF)
    stream.seek(size - tail_size)
    tail = stream.read(tail_size)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        raise _damaged()
    (count,) = struct.unpack_from("<H", tail, at + 10)
    return count


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    """Refuse by what the directory declares, before any member is unpacked."""
    unpacked = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise ValidationError(
                _(
                    "Password-protected files cannot be attached. Remove the password and "
                    "upload the file again."
                )
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValidationError(
                _(
                    "The file is packed in a way qnet cannot read. Save it again from your "
                    "office program and upload the new copy."
                )
            )
        unpacked += member.file_size
        if (
            member.file_size > _RATIO_CHECKED_FROM
            and member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1)
        ) or unpacked > MAX_UNPACKED_BYTES:
            raise _too_big()


def _sniff_archive(stream: BinaryIO) -> tuple[str, str] | None:
    count = _member_count(stream)
    # 0xFFFF says "see the ZIP64 record": no office document of 10 MB needs one.
    if count >= _ZIP64_COUNT or count > MAX_ARCHIVE_MEMBERS:
        raise _too_big()
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            _check_members(members)
            names = {member.filename for member in members}
            if "mimetype" in names:
                # At most a line, however much the member claims or unpacks to.
                with archive.open("mimetype") as member:
                    mimetype = member.read(_MIMETYPE_BYTES).strip()
                if mimetype in _ODF:
                    return _ODF[mimetype], mimetype.decode()
            if "[Content_Types].xml" in names:
                for prefix, found in _OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return found
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise _damaged() from None
    return None


def sniff(stream: BinaryIO) -> tuple[str, str] | None:
    """(extension, content type) judged by content, or None for anything not allowed.

    An archive that is damaged, encrypted, packed in an unusual way or unpacks to far more
    than its size raises ValidationError with the reason; no member is read whole.
    """
    stream.seek(0)
    head = stream.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf", "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg", "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_archive(stream)
    return None


@transaction.atomic
def attachment_create(*, actor: User, event: Event, kind: str, title: str, upload) -> Attachment:
    _check_manager(actor, event)
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"upload": _("The file is larger than %(size)s MB.") % {"size": 10}})
    try:
        found = sniff(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
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
