import pytest
from django.core.exceptions import ValidationError

from qnet.models import AuditEntry, Notice, Role
from qnet.tests.factories import MembershipFactory, UserFactory
from reports import services
from reports.models import AnnualReport, Rendition, ReviewRequest, Section
from reports.tests.conftest import YEAR


def test_start_proposes_a_chapter_per_focus_area_then_the_standing_ones(draft, results_world):
    kinds = list(draft.sections.values_list("kind", "title", "order"))
    assert kinds == [
        ("focus_area_results", "Focus area 1", 1),
        ("focus_area_results", "Focus area 2", 2),
        ("self_assessment_overview", "How the schools see themselves", 3),
        ("follow_up", "Follow-up of schools with weak results", 4),
        ("network_activity", "Working together in the network", 5),
    ]
    assert AuditEntry.objects.filter(action="report.start", object_id=str(draft.pk)).exists()


def test_start_refuses_a_second_report_for_the_year(draft, authority_staff, world):
    with pytest.raises(ValidationError):
        services.report_start(
            actor=authority_staff, authority=world.authority, year=YEAR, title="Again"
        )


def test_chapters_can_be_added_moved_and_removed(draft, authority_staff):
    added = services.section_add(
        actor=authority_staff, report=draft, kind="free_text", title="Outlook"
    )
    assert added.order == 6
    services.section_move(actor=authority_staff, section=added, direction="up")
    titles = list(draft.sections.order_by("order").values_list("title", flat=True))
    assert titles[-2:] == ["Outlook", "Working together in the network"]
    services.section_remove(actor=authority_staff, section=added)
    assert list(draft.sections.order_by("order").values_list("order", flat=True)) == [1, 2, 3, 4, 5]


def test_a_results_chapter_needs_an_own_focus_area(
    draft, authority_staff, other_authority_staff, world
):
    from reports.tests.conftest import make_plan

    _plan, areas, _measures = make_plan(world.other_authority, measures=1, focus_areas=1)
    with pytest.raises(ValidationError):
        services.section_add(
            actor=authority_staff,
            report=draft,
            kind="focus_area_results",
            title="",
            focus_area_id=areas[0].pk,
        )


def test_comments_are_written_in_review_only(draft, authority_staff):
    section = draft.sections.first()
    with pytest.raises(ValidationError):
        services.review_comment_add(actor=authority_staff, section=section, text="Hm")
    services.report_submit_for_review(
        actor=authority_staff, report=draft, reviewers=[authority_staff]
    )
    comment = services.review_comment_add(
        actor=authority_staff, section=section, text="Add a sentence."
    )
    assert comment.author == authority_staff


def test_a_draft_cannot_be_published_without_review(draft, authority_staff):
    with pytest.raises(ValidationError):
        services.report_publish(actor=authority_staff, report=draft)


def test_publishing_freezes_a_snapshot_and_queues_the_pdf(published):
    assert published.status == AnnualReport.Status.PUBLISHED
    assert published.published_at is not None
    assert [s["title"] for s in published.snapshot["sections"]][0] == "Focus area 1"
    assert Rendition.objects.filter(report=published, kind="pdf", status="queued").count() == 1


def test_a_published_report_is_no_longer_editable(published, authority_staff):
    with pytest.raises(ValidationError):
        services.section_update(
            actor=authority_staff, section=published.sections.first(), title="x", narrative=""
        )


def test_withdrawing_needs_a_reason(published, authority_staff):
    with pytest.raises(ValidationError):
        services.report_withdraw(actor=authority_staff, report=published, reason="  ")
    report = services.report_withdraw(
        actor=authority_staff, report=published, reason="Wrong figures in 2."
    )
    assert report.status == AnnualReport.Status.WITHDRAWN
    assert report.withdrawn_reason == "Wrong figures in 2."


def test_a_new_version_copies_the_chapters_and_replaces_the_old_one_on_publishing(
    published, authority_staff
):
    Section.objects.filter(report=published).update(narrative="Kept text")
    successor = services.report_new_version(actor=authority_staff, report=published)
    assert (successor.version, successor.supersedes_id, successor.status) == (
        2,
        published.pk,
        "draft",
    )
    assert list(successor.sections.values_list("narrative", flat=True)) == ["Kept text"] * 5
    with pytest.raises(ValidationError):
        services.report_new_version(actor=authority_staff, report=published)
    services.report_submit_for_review(
        actor=authority_staff, report=successor, reviewers=[authority_staff]
    )
    services.report_publish(actor=authority_staff, report=successor)
    published.refresh_from_db()
    assert published.status == AnnualReport.Status.WITHDRAWN
    assert "version 2" in published.withdrawn_reason


@pytest.fixture
def reviewer(world):
    user = UserFactory(email="reviewer@example.org", full_name="Rita Reviewer")
    MembershipFactory(user=user, role=Role.AUTHORITY_STAFF, authority=world.authority, school=None)
    return user


def test_sending_to_review_stores_the_named_reviewers(draft, authority_staff, reviewer):
    report = services.report_submit_for_review(
        actor=authority_staff, report=draft, reviewers=[reviewer, authority_staff]
    )
    assert report.status == AnnualReport.Status.IN_REVIEW
    assert set(ReviewRequest.objects.filter(report=draft).values_list("reviewer", flat=True)) == {
        reviewer.pk,
        authority_staff.pk,
    }
    entry = AuditEntry.objects.get(action="report.submit_for_review", object_id=str(draft.pk))
    assert entry.data["reviewers"] == sorted([reviewer.pk, authority_staff.pk])


def test_a_reviewer_of_another_authority_is_refused(
    draft, authority_staff, reviewer, other_authority_staff
):
    with pytest.raises(ValidationError) as caught:
        services.report_submit_for_review(
            actor=authority_staff, report=draft, reviewers=[reviewer, other_authority_staff]
        )
    assert caught.value.messages == [
        "Only staff of Demo authority can review this report, not Ola Nordmann."
    ]
    draft.refresh_from_db()
    assert draft.status == AnnualReport.Status.DRAFT
    assert not ReviewRequest.objects.exists() and not Notice.objects.exists()


def test_a_school_leader_of_the_same_authority_is_no_reviewer(draft, authority_staff, leader_a):
    with pytest.raises(ValidationError, match="Only staff of Demo authority"):
        services.report_submit_for_review(actor=authority_staff, report=draft, reviewers=[leader_a])


def test_a_review_without_reviewers_is_refused(draft, authority_staff):
    with pytest.raises(ValidationError) as caught:
        services.report_submit_for_review(actor=authority_staff, report=draft, reviewers=[])
    assert caught.value.messages == ["Choose at least one colleague to review the report."]
    draft.refresh_from_db()
    assert draft.status == AnnualReport.Status.DRAFT
