"""Results from the official exports: upload, read (inline or in the background), map the
source's measures and schools once, preview, and commit all-or-nothing.

What a file would write is worked out in `import_plan`. A file is read twice on purpose:
once for the preview and again at commit, from the stored file whose checksum is checked.
The preview is therefore only a report; nothing a browser sends back can change what is
written.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import Authority, School, User
from qnet.services import audit_entry_create
from selfassessment.importers import PROFILES, ImportFileError, parse_file
from selfassessment.importers.detect import detect_profile, read_header
from selfassessment.models import (
    ComparisonFigure,
    ImportProfile,
    Measure,
    MeasureMapping,
    Result,
    ResultImport,
    SchoolLink,
)
from selfassessment.services.import_plan import (
    ImportPlan,
    import_plan_build,
    plan_changes,
    plan_preview,
    school_year_from_file_name,
    school_year_to_year,
)

logger = logging.getLogger(__name__)

COMMIT_BATCH = 2000

# --- upload and reading ------------------------------------------------------------


def _plan_of(
    result_import: ResultImport, progress: Callable[[float], None] | None = None
) -> ImportPlan:
    """What the stored file would write. The file is streamed twice, never held: once for
    its checksum, then value by value into the plan, which keeps only what it needs."""
    with result_import.file.open("rb") as handle:
        digest = hashlib.sha256()
        for chunk in handle.chunks():
            digest.update(chunk)
        if digest.hexdigest() != result_import.checksum:
            raise ImportFileError(_("The stored file has changed since it was uploaded."))
        parsed = parse_file(
            handle,
            profile=result_import.profile.kind,
            school_year=result_import.school_year,
            progress=progress,
        )
        return import_plan_build(profile=result_import.profile, parsed=parsed)


def _read_inline(result_import: ResultImport) -> bool:
    return result_import.size <= settings.RESULTS_IMPORT_INLINE_BYTES


def _schedule_read(result_import: ResultImport) -> None:
    if _read_inline(result_import):
        result_import_read(result_import_id=result_import.pk)
        result_import.refresh_from_db()
    else:
        from selfassessment.tasks import result_import_read_task

        result_import_read_task.delay_on_commit(result_import.pk)


@transaction.atomic
def result_import_upload(
    *,
    actor: User,
    authority: Authority,
    file_name: str,
    data: bytes,
    kind: str = "",
    school_year: str = "",
) -> ResultImport:
    """Store the file and read it: at once when small, in the background when large.

    The header is checked here, so a file of the wrong kind is refused before it is stored.
    """
    if len(data) > settings.RESULTS_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": settings.RESULTS_IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    try:
        detected = detect_profile(read_header(data))
    except ImportFileError as error:
        raise ValidationError(str(error)) from None
    if kind and kind != detected:
        raise ValidationError(
            _("This file looks like %(detected)s, not %(chosen)s.")
            % {"detected": PROFILES[detected].LABEL, "chosen": PROFILES[kind].LABEL}
        )
    school_year = school_year.strip() or school_year_from_file_name(file_name)
    if detected == "duo" and not school_year:
        raise ValidationError(
            _("A DUO file does not name its school year: enter it, e.g. 2024-2025.")
        )
    if school_year:
        try:
            school_year_to_year(school_year)
        except ValueError as error:
            raise ValidationError(str(error)) from None
    profile, _created = ImportProfile.objects.get_or_create(authority=authority, kind=detected)
    result_import = ResultImport(
        authority=authority,
        profile=profile,
        file_name=file_name[:255],
        size=len(data),
        checksum=hashlib.sha256(data).hexdigest(),
        school_year=school_year,
        uploaded_by=actor,
    )
    # A generated name: what the uploader called the file never becomes a path.
    result_import.file.save(f"{uuid.uuid4().hex}.csv", ContentFile(data), save=False)
    result_import.save()
    audit_entry_create(
        actor=actor,
        action="results.upload",
        target=result_import,
        authority=authority,
        data={"file": result_import.file_name, "sha256": result_import.checksum},
    )
    _schedule_read(result_import)
    return result_import


def _claim(result_import_id: int) -> bool:
    """queued -> reading, or take over a read whose worker died (older than the time limit)."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    return bool(
        ResultImport.objects.filter(pk=result_import_id)
        .filter(
            Q(state=ResultImport.State.QUEUED)
            | Q(state=ResultImport.State.READING, updated_at__lt=stale)
        )
        .update(state=ResultImport.State.READING, progress=1, error="", updated_at=now)
    )


def result_import_read(*, result_import_id: int) -> bool:
    """Read the stored file and write the preview. Not one transaction, so the progress is
    visible to the browser that polls it; safe to run twice (the claim decides)."""
    if not _claim(result_import_id):
        return False
    result_import = ResultImport.objects.select_related("profile__authority").get(
        pk=result_import_id
    )

    shown = 1

    def progress(fraction: float) -> None:
        # Reading is most of the work; comparing with the database follows after 90 %.
        # Written when the percentage moves, not for every thousand lines.
        nonlocal shown
        percent = max(1, min(90, int(fraction * 90)))
        if percent != shown:
            shown = percent
            ResultImport.objects.filter(pk=result_import_id).update(progress=percent)

    try:
        preview = plan_preview(_plan_of(result_import, progress))
    except ImportFileError as error:
        ResultImport.objects.filter(pk=result_import_id).update(
            state=ResultImport.State.FAILED, error=str(error), progress=100, preview={}
        )
        return True
    ResultImport.objects.filter(pk=result_import_id, state=ResultImport.State.READING).update(
        state=ResultImport.State.READY, progress=100, preview=preview, error=""
    )
    return True


# --- mapping ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewMeasure:
    code: str
    name: str
    threshold: Decimal
    higher_is_better: bool = True
    unit: str = ""


@dataclass(frozen=True)
class MeasureChoice:
    """What one source measure becomes: an existing measure, a new one, or skipped."""

    source_key: str
    breakdown: str
    measure: Measure | None = None
    new: NewMeasure | None = None


@dataclass(frozen=True)
class SchoolChoice:
    official_id: str
    id_scheme: str
    unit_name: str
    school: School | None  # None: skip this id in every import

    @classmethod
    def of(cls, unit: dict, school: School | None = None) -> "SchoolChoice":
        """The choice for an unmatched school as the preview lists it."""
        return cls(
            official_id=unit["official_id"],
            id_scheme=unit["id_scheme"],
            unit_name=unit["name"],
            school=school,
        )


@transaction.atomic
def import_mapping_save(
    *,
    actor: User,
    result_import: ResultImport,
    measures: list[MeasureChoice],
    schools: list[SchoolChoice],
) -> ResultImport:
    """Remember the choices in the authority's profile, then read the file again with them."""
    from selfassessment.services.plans import measure_save

    result_import = ResultImport.objects.select_for_update().get(pk=result_import.pk)
    if result_import.state not in (ResultImport.State.READY, ResultImport.State.FAILED):
        raise ValidationError(_("This import can no longer be changed."))
    authority = result_import.authority
    mappings = []
    for choice in measures:
        measure = choice.measure
        if measure is not None and measure.authority_id != authority.pk:
            raise ValidationError(_("Choose one of your authority's measures."))
        if choice.new is not None:
            measure = measure_save(
                actor=actor,
                authority=authority,
                code=choice.new.code,
                name=choice.new.name,
                threshold=choice.new.threshold,
                higher_is_better=choice.new.higher_is_better,
                unit=choice.new.unit,
            )
        mappings.append(
            MeasureMapping(
                profile=result_import.profile,
                source_key=choice.source_key,
                breakdown=choice.breakdown,
                measure=measure,
            )
        )
    if any(c.school is not None and c.school.authority_id != authority.pk for c in schools):
        raise ValidationError(_("Choose one of your authority's schools."))
    # Upserts, not a query per row: "skip every unlisted school" of a national export
    # decides thousands of ids at once.
    MeasureMapping.objects.bulk_create(
        # One row per key, the last choice winning: an upsert may touch a row only once.
        list({(m.source_key, m.breakdown): m for m in mappings}.values()),
        update_conflicts=True,
        unique_fields=["profile", "source_key", "breakdown"],
        update_fields=["measure", "updated_at"],
    )
    SchoolLink.objects.bulk_create(
        [
            SchoolLink(
                authority=authority,
                id_scheme=choice.id_scheme,
                official_id=choice.official_id,
                unit_name=choice.unit_name[:200],
                school=choice.school,
            )
            for choice in {(c.id_scheme, c.official_id): c for c in schools}.values()
        ],
        batch_size=COMMIT_BATCH,
        update_conflicts=True,
        unique_fields=["authority", "id_scheme", "official_id"],
        update_fields=["school", "unit_name", "updated_at"],
    )
    audit_entry_create(
        actor=actor,
        action="results.mapping",
        target=result_import.profile,
        authority=authority,
        data={
            "measures": {
                f"{c.source_key} [{c.breakdown}]": (
                    c.new.code if c.new else (c.measure.code if c.measure else None)
                )
                for c in measures
            },
            "schools": {c.official_id: c.school.pk if c.school else None for c in schools},
        },
    )
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.QUEUED, progress=0, error=""
    )
    result_import.refresh_from_db()
    _schedule_read(result_import)
    return result_import


# --- commit and discard -------------------------------------------------------------


@transaction.atomic
def result_import_commit(*, actor: User, result_import: ResultImport) -> dict:
    """Write every value of the file, or nothing. Re-importing the same file changes
    nothing; a corrected file changes exactly the values it corrects."""
    result_import = (
        ResultImport.objects.select_for_update()
        .select_related("profile__authority")
        .get(pk=result_import.pk)
    )
    if result_import.state != ResultImport.State.READY:
        raise ValidationError(_("This import is not ready to be committed."))
    try:
        plan = _plan_of(result_import)
    except ImportFileError as error:
        raise ValidationError(str(error)) from None
    if not plan.can_commit:
        raise ValidationError(
            _("Nothing was imported: the file has errors or unmapped columns or schools.")
        )
    created, updated, unchanged = plan_changes(plan)
    now = timezone.now()
    # Upserts of new and changed rows: existing rows keep their ids (the audit log refers
    # to them); unchanged rows are not touched, so they keep their provenance. Built and
    # written a batch at a time, so a national file never holds all its model rows at once.
    pending = created + updated
    for start in range(0, len(pending), COMMIT_BATCH):
        Result.objects.bulk_create(
            [
                Result(
                    school_id=key[0],
                    measure_id=key[1],
                    year=key[2],
                    status=plan.writes[key][0],
                    value=plan.writes[key][1],
                    n=plan.writes[key][2],
                    source=result_import,
                    created_at=now,
                    updated_at=now,
                )
                for key in pending[start : start + COMMIT_BATCH]
            ],
            update_conflicts=True,
            unique_fields=["school", "measure", "year"],
            update_fields=["status", "value", "n", "source", "updated_at"],
        )
    ComparisonFigure.objects.bulk_create(
        [
            ComparisonFigure(
                measure_id=measure_id,
                year=year,
                level=level,
                unit_code=unit_code,
                unit_name=name,
                status=status,
                value=value,
                n=n,
                source=result_import,
                created_at=now,
                updated_at=now,
            )
            for (measure_id, year, level, unit_code), (name, status, value, n) in (
                plan.comparisons.items()
            )
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["measure", "year", "level", "unit_code"],
        update_fields=["unit_name", "status", "value", "n", "source", "updated_at"],
    )
    summary = {
        "values": len(plan.writes),
        "created": len(created),
        "updated": len(updated),
        "unchanged": unchanged,
        "suppressed": plan.suppressed_count,
        "comparisons": len(plan.comparisons),
        "schools": len(plan.matched_schools),
    }
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.COMMITTED,
        committed_by=actor,
        committed_at=now,
        summary=summary,
        updated_at=now,
    )
    audit_entry_create(
        actor=actor,
        action="results.import",
        target=result_import,
        authority=result_import.authority,
        data={**summary, "file": result_import.file_name, "sha256": result_import.checksum},
    )
    return summary


@transaction.atomic
def result_import_discard(*, actor: User, result_import: ResultImport) -> None:
    result_import = ResultImport.objects.select_for_update().get(pk=result_import.pk)
    if not result_import.is_open:
        raise ValidationError(_("This import can no longer be discarded."))
    ResultImport.objects.filter(pk=result_import.pk).update(
        state=ResultImport.State.DISCARDED, updated_at=timezone.now()
    )
    audit_entry_create(
        actor=actor,
        action="results.discard",
        target=result_import,
        authority=result_import.authority,
        data={"file": result_import.file_name},
    )
    # The file goes once the row says discarded; a rollback would leave it in place.
    name = result_import.file.name
    storage = result_import.file.storage
    transaction.on_commit(lambda: storage.delete(name))
