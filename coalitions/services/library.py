"""The resource library: examples, materials and tools that coalitions keep and share."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from qnet.markup import render_markdown
from qnet.models import School, User
from qnet.services import audit_entry_create

from .. import rules as crules
from ..models import Coalition, Resource

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04",)
# Which first bytes each accepted extension must have: the content decides, not the name.
MAGIC_BY_EXTENSION = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": ZIP_MAGIC,
    ".xlsx": ZIP_MAGIC,
    ".pptx": ZIP_MAGIC,
}
MAX_TAGS = 12


def max_upload_bytes() -> int:
    return getattr(settings, "COALITIONS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def tags_normalise(raw: str) -> str:
    tags = sorted({" ".join(part.split()).lower() for part in raw.split(",") if part.strip()})
    if len(tags) > MAX_TAGS:
        raise ValidationError(_("Use at most %(max)d tags.") % {"max": MAX_TAGS})
    if any(len(tag) > 40 for tag in tags):
        raise ValidationError(_("A tag may have at most 40 characters."))
    normalised = ",".join(tags)
    if len(normalised) > 300:
        raise ValidationError(_("The tags are too long together."))
    return normalised


def upload_check(upload: UploadedFile) -> None:
    """Raise ValidationError unless the file is small enough and is what its name says."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(mb).0f MB are allowed.")
            % {"mb": limit / (1024 * 1024)}
        )
    extension = PurePath(upload.name or "").suffix.lower()
    magics = MAGIC_BY_EXTENSION.get(extension)
    if magics is None:
        raise ValidationError(
            _("This kind of file is not accepted. Upload PDF, PNG, JPEG, DOCX, XLSX or PPTX.")
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise ValidationError(
            _("The file's content does not match its type %(extension)s.")
            % {"extension": extension.lstrip(".").upper()}
        )


@transaction.atomic
def resource_create(
    *,
    author: User,
    coalition: Coalition,
    kind: str,
    title: str,
    description: str = "",
    upload: UploadedFile | None = None,
    link: str = "",
    tags: str = "",
    school: School | None = None,
    visibility: str = Resource.Visibility.COALITION,
) -> Resource:
    if not crules.can_add_resource(author, coalition):
        raise PermissionDenied
    if kind not in Resource.Kind.values:
        raise ValidationError(_("Unknown kind of resource."))
    if visibility not in Resource.Visibility.values:
        raise ValidationError(_("Unknown visibility."))
    if bool(upload) == bool(link.strip()):
        raise ValidationError(_("Give either a file or a link."))
    if school is not None and school.pk not in crules.network_school_ids(coalition.network):
        raise ValidationError(_("This school is not in the coalition's network."))
    if upload:
        upload_check(upload)
    resource = Resource(
        coalition=coalition,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        description_html=render_markdown(description.strip()),
        link=link.strip(),
        tags=tags_normalise(tags),
        school=school,
        visibility=visibility,
        created_by=author,
    )
    if upload:
        resource.file_name = PurePath(upload.name).name[:200]
        resource.file.save(upload.name, upload, save=False)
    try:
        resource.full_clean(exclude=["file", "coalition", "school", "created_by"])
        resource.save()
    except Exception:
        # Every check ran before the file was written; this only guards the database write.
        if resource.file:
            resource.file.storage.delete(resource.file.name)
        raise
    return resource


@transaction.atomic
def resource_delete(*, actor: User, resource: Resource) -> None:
    coalition = resource.coalition
    if not (
        (resource.created_by_id == actor.pk and crules.can_add_resource(actor, coalition))
        or crules.can_manage_content(actor, coalition)
    ):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="coalition.resource_delete",
        target=resource,
        authority=coalition.network.authority,
        data={"coalition": coalition.pk, "title": resource.title},
    )
    stored = resource.file.name if resource.file else None
    storage = resource.file.storage if resource.file else None
    resource.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
