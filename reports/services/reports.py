"""The write path of annual reports: start, chapters, review, publish, withdraw, versions."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qnet.models import Authority, NoticeKind, User
from qnet.notifications import notice_send
from qnet.selectors import authority_staff
from qnet.services import audit_entry_create
from reports import builders, sources
from reports.models import AnnualReport, Rendition, ReviewComment, ReviewRequest, Section
from reports.services.renditions import rendition_request


def _require_editable(report: AnnualReport) -> None:
    if not report.is_editable:
        raise ValidationError(_("This report is published and can no longer be changed."))


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("authority").get(pk=report.pk)


def proposed_sections(*, authority: Authority, year: int) -> list[dict]:
    """One chapter per focus area of the plan in force, then the standing chapters."""
    chapters = []
    plan = sources.plan_for_year(authority.pk, year)
    if plan is not None:
        for focus_area in sources.focus_areas_of(plan):
            chapters.append(
                {
                    "kind": Section.Kind.FOCUS_AREA_RESULTS,
                    "title": focus_area.title,
                    "focus_area_id": focus_area.pk,
                }
            )
    chapters += [
        {
            "kind": Section.Kind.SELF_ASSESSMENT_OVERVIEW,
            "title": _("How the schools see themselves"),
        },
        {"kind": Section.Kind.FOLLOW_UP, "title": _("Follow-up of schools with weak results")},
        {"kind": Section.Kind.NETWORK_ACTIVITY, "title": _("Working together in the network")},
    ]
    return chapters


@transaction.atomic
def report_start(
    *, actor: User, authority: Authority, year: int, title: str, introduction: str = ""
) -> AnnualReport:
    if AnnualReport.objects.filter(authority=authority, year=year).exists():
        raise ValidationError(
            _(
                "There is already a report for %(year)s. Open it, or make a new version of the "
                "published one."
            )
            % {"year": year}
        )
    report = AnnualReport.objects.create(
        authority=authority, year=year, title=title, introduction=introduction
    )
    Section.objects.bulk_create(
        Section(report=report, order=order, **chapter)
        for order, chapter in enumerate(proposed_sections(authority=authority, year=year), start=1)
    )
    audit_entry_create(actor=actor, action="report.start", target=report, data={"year": year})
    return report


@transaction.atomic
def report_update(
    *, actor: User, report: AnnualReport, title: str, introduction: str
) -> AnnualReport:
    report = _locked(report)
    _require_editable(report)
    report.title = title
    report.introduction = introduction
    report.save(update_fields=["title", "introduction", "updated_at"])
    audit_entry_create(actor=actor, action="report.update", target=report)
    return report


def _renumber(report: AnnualReport, ordered: list[Section]) -> None:
    for order, section in enumerate(ordered, start=1):
        section.order = order
    Section.objects.bulk_update(ordered, ["order"])


@transaction.atomic
def section_add(
    *,
    actor: User,
    report: AnnualReport,
    kind: str,
    title: str,
    focus_area_id: int | None = None,
) -> Section:
    report = _locked(report)
    _require_editable(report)
    if kind not in Section.Kind.values:
        raise ValidationError(_("Choose a kind of chapter."))
    if kind == Section.Kind.FOCUS_AREA_RESULTS:
        focus_area = (
            sources.focus_area_get(authority_id=report.authority_id, pk=focus_area_id)
            if focus_area_id
            else None
        )
        if focus_area is None:
            raise ValidationError(_("A results chapter needs one of your focus areas."))
        title = title or focus_area.title
    elif focus_area_id:
        raise ValidationError(_("Only a results chapter has a focus area."))
    if not title:
        raise ValidationError(_("Give the chapter a title."))
    last = report.sections.aggregate(last=Max("order"))["last"] or 0
    section = Section.objects.create(
        report=report,
        order=last + 1,
        kind=kind,
        title=title,
        focus_area_id=focus_area_id if kind == Section.Kind.FOCUS_AREA_RESULTS else None,
    )
    audit_entry_create(
        actor=actor, action="report.section_add", target=report, data={"section": section.pk}
    )
    return section


@transaction.atomic
def section_update(*, actor: User, section: Section, title: str, narrative: str) -> Section:
    report = _locked(section.report)
    _require_editable(report)
    section.title = title
    section.narrative = narrative
    section.save(update_fields=["title", "narrative", "updated_at"])
    audit_entry_create(
        actor=actor, action="report.section_update", target=report, data={"section": section.pk}
    )
    return section


@transaction.atomic
def section_move(*, actor: User, section: Section, direction: str) -> None:
    report = _locked(section.report)
    _require_editable(report)
    if direction not in ("up", "down"):
        raise ValidationError(_("A chapter moves up or down."))
    ordered = list(report.sections.order_by("order", "pk"))
    index = next(i for i, s in enumerate(ordered) if s.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(report, ordered)
    audit_entry_create(
        actor=actor,
        action="report.section_move",
        target=report,
        data={"section": section.pk, "direction": direction},
    )


@transaction.atomic
def section_remove(*, actor: User, section: Section) -> None:
    report = _locked(section.report)
    _require_editable(report)
    data = {"section": section.pk, "title": section.title}
    section.delete()
    _renumber(report, list(report.sections.order_by("order", "pk")))
    audit_entry_create(actor=actor, action="report.section_remove", target=report, data=data)


@transaction.atomic
def report_submit_for_review(
    *, actor: User, report: AnnualReport, reviewers: list[User]
) -> AnnualReport:
    """Names the colleagues who review; only they are told, any staff may still comment."""
    report = _locked(report)
    if report.status != AnnualReport.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent to review."))
    if not report.sections.exists():
        raise ValidationError(_("A report needs at least one chapter."))
    chosen = {user.pk: user for user in reviewers}
    if not chosen:
        raise ValidationError(_("Choose at least one colleague to review the report."))
    staff = set(
        authority_staff(report.authority_id)
        .filter(pk__in=list(chosen))
        .values_list("pk", flat=True)
    )
    if strangers := [user for pk, user in chosen.items() if pk not in staff]:
        raise ValidationError(
            _("Only staff of %(authority)s can review this report, not %(names)s.")
            % {
                "authority": report.authority.name,
                "names": ", ".join(user.full_name or user.email for user in strangers),
            }
        )
    report.status = AnnualReport.Status.IN_REVIEW
    report.save(update_fields=["status", "updated_at"])
    ReviewRequest.objects.bulk_create(
        ReviewRequest(report=report, reviewer_id=pk) for pk in sorted(chosen)
    )
    audit_entry_create(
        actor=actor,
        action="report.submit_for_review",
        target=report,
        data={"reviewers": sorted(chosen)},
    )
    _report_notice(
        actor=actor,
        report=report,
        kind=NoticeKind.REPORT_IN_REVIEW,
        recipients=User.objects.filter(pk__in=list(chosen)),
    )
    return report


def _report_notice(
    *, actor: User, report: AnnualReport, kind: str, recipients: Iterable[User] | None = None
) -> None:
    notice_send(
        recipients=authority_staff(report.authority_id) if recipients is None else recipients,
        kind=kind,
        url=reverse(
            "reports:manage" if kind == NoticeKind.REPORT_IN_REVIEW else "reports:detail",
            args=[report.pk],
        ),
        params={"authority": report.authority.name, "year": report.year},
        actor=actor,
    )


@transaction.atomic
def review_comment_add(*, actor: User, section: Section, text: str) -> ReviewComment:
    report = _locked(section.report)
    if report.status != AnnualReport.Status.IN_REVIEW:
        raise ValidationError(_("Comments are written while the report is in review."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a comment first."))
    comment = ReviewComment.objects.create(section=section, author=actor, text=text)
    audit_entry_create(
        actor=actor, action="report.review_comment", target=report, data={"section": section.pk}
    )
    return comment


@transaction.atomic
def report_publish(*, actor: User, report: AnnualReport) -> AnnualReport:
    """Freezes every figure and text into the snapshot, then queues the PDF."""
    report = _locked(report)
    if report.status != AnnualReport.Status.IN_REVIEW:
        raise ValidationError(_("Only a report in review can be published."))
    sections = list(report.sections.order_by("order", "pk"))
    if not sections:
        raise ValidationError(_("A report needs at least one chapter."))
    # The report speaks for the authority: frozen in its language (chapter headings,
    # decimal commas), whatever language the person publishing it reads the portal in.
    language = report.authority.language
    with translation.override(language):
        report.snapshot = builders.report_content(
            report=report, sections=sections, language=language
        )
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    report.snapshot["published_at"] = report.published_at.isoformat()
    report.save(update_fields=["snapshot", "status", "published_at", "published_by", "updated_at"])
    audit_entry_create(actor=actor, action="report.publish", target=report)
    predecessor = report.supersedes
    if predecessor is not None and predecessor.status == AnnualReport.Status.PUBLISHED:
        # Two live versions of one year would contradict each other in the archive.
        AnnualReport.objects.filter(pk=predecessor.pk).update(
            status=AnnualReport.Status.WITHDRAWN,
            withdrawn_reason=_("Replaced by version %(version)s.") % {"version": report.version},
            withdrawn_at=report.published_at,
        )
        audit_entry_create(actor=actor, action="report.withdraw", target=predecessor)
    rendition_request(actor=actor, report=report, kind=Rendition.Kind.PDF)
    _report_notice(actor=actor, report=report, kind=NoticeKind.REPORT_PUBLISHED)
    return report


@transaction.atomic
def report_withdraw(*, actor: User, report: AnnualReport, reason: str) -> AnnualReport:
    report = _locked(report)
    if report.status != AnnualReport.Status.PUBLISHED:
        raise ValidationError(_("Only a published report can be withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the report is withdrawn: readers will see it."))
    report.status = AnnualReport.Status.WITHDRAWN
    report.withdrawn_reason = reason
    report.withdrawn_at = timezone.now()
    report.save(update_fields=["status", "withdrawn_reason", "withdrawn_at", "updated_at"])
    audit_entry_create(
        actor=actor, action="report.withdraw", target=report, data={"reason": reason}
    )
    return report


@transaction.atomic
def report_new_version(*, actor: User, report: AnnualReport) -> AnnualReport:
    """A draft copy of a published report for corrections; the old one stays on record."""
    report = _locked(report)
    if not report.is_public:
        raise ValidationError(_("Only a published report gets a new version."))
    if AnnualReport.objects.filter(supersedes=report).exists():
        raise ValidationError(_("This report already has a newer version."))
    last = AnnualReport.objects.filter(authority=report.authority, year=report.year).aggregate(
        last=Max("version")
    )["last"]
    successor = AnnualReport.objects.create(
        authority=report.authority,
        year=report.year,
        version=last + 1,
        title=report.title,
        introduction=report.introduction,
        supersedes=report,
    )
    Section.objects.bulk_create(
        Section(
            report=successor,
            order=section.order,
            kind=section.kind,
            title=section.title,
            focus_area_id=section.focus_area_id,
            narrative=section.narrative,
        )
        for section in report.sections.order_by("order", "pk")
    )
    audit_entry_create(
        actor=actor,
        action="report.new_version",
        target=successor,
        data={"supersedes": report.pk, "version": successor.version},
    )
    return successor
