from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coalitions import services
from coalitions.models import CoalitionMember, Post
from coalitions.tests.factories import CoalitionMemberFactory, PostFactory, ThreadFactory
from qnet.models import AuditEntry, OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.pdf", b"%PDF-1.4"),
        ("a.png", b"\x89PNG\r\n\x1a\n...."),
        ("a.JPG", b"\xff\xd8\xff\xe0"),
        ("a.docx", b"PK\x03\x04...."),
        ("a.xlsx", b"PK\x03\x04...."),
        ("a.pptx", b"PK\x03\x04...."),
    ],
)
def test_upload_check_accepts_what_the_content_confirms(name, head):
    services.upload_check(SimpleUploadedFile(name, head + b"rest"))


@pytest.mark.parametrize(
    ("name", "head"),
    [("a.pdf", b"PK\x03\x04"), ("a.png", b"%PDF-"), ("a.docx", b"%PDF-"), ("a.jpeg", b"GIF89a")],
)
def test_upload_check_refuses_content_that_does_not_match(name, head):
    with pytest.raises(ValidationError, match="does not match"):
        services.upload_check(SimpleUploadedFile(name, head + b"rest"))


def test_upload_check_reads_the_limit_from_settings(settings):
    settings.COALITIONS_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="too large"):
        services.upload_check(SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 10))


def test_tags_are_normalised():
    assert services.tags_normalise(" Data ,dropout, data,,  early   signals") == (
        "data,dropout,early signals"
    )


def test_member_add_refuses_a_school_outside_the_network(coordinator, coalition, world, outsider):
    with pytest.raises(ValidationError):
        services.member_add(
            actor=coordinator, coalition=coalition, person=outsider, school=world.school_other
        )


def test_member_add_twice_is_a_clear_error(coordinator, coalition, staff_a):
    with pytest.raises(ValidationError, match="already a member"):
        services.member_add(actor=coordinator, coalition=coalition, person=staff_a)


def test_membership_changes_and_deletions_are_audited(coordinator, coalition, leader_a):
    member = services.member_add(actor=coordinator, coalition=coalition, person=leader_a)
    services.member_role_change(actor=coordinator, member=member, role="critical_friend")
    services.member_remove(actor=coordinator, member=member)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "coalition.member_add",
        "coalition.member_role_change",
        "coalition.member_remove",
    } <= actions


def test_a_lead_of_one_coalition_does_not_manage_another(leader_b, project, coalition, staff_a):
    member = coalition.members.get(person=staff_a)
    services.member_role_change(actor=leader_b, member=member, role="expert")
    other = CoalitionMemberFactory(coalition=project)
    project.members.filter(person=leader_b).update(role="member")
    from coalitions.rules import forget_coalition_roles

    forget_coalition_roles(leader_b)
    with pytest.raises(PermissionDenied):
        services.member_remove(actor=leader_b, member=other)


def test_post_create_renders_sanitised_markdown(staff_a, coalition):
    thread = services.thread_create(
        author=staff_a, coalition=coalition, title="T", body="<img src=x onerror=alert(1)> *hi*"
    )
    html = thread.posts.get().body_html
    assert "onerror" not in html and "<img" not in html and "<em>hi</em>" in html


def test_post_edit_only_by_its_author(leader_b, staff_a, coalition):
    post = PostFactory(thread=ThreadFactory(coalition=coalition), author=staff_a)
    with pytest.raises(PermissionDenied):
        services.post_edit(actor=leader_b, post=post, body="x")


def test_each_post_mail_is_queued_once_per_member(staff_a, leader_b, coalition):
    CoalitionMember.objects.filter(person=leader_b).update(notify="each_post")
    thread = services.thread_create(author=staff_a, coalition=coalition, title="T", body="B")
    assert OutboxMessage.objects.filter(to=leader_b.email).count() == 1
    assert OutboxMessage.objects.get().dedupe_key == (
        f"coalitions-post-{thread.posts.get().pk}-{leader_b.pk}"
    )


def test_the_digest_mails_new_posts_once(staff_a, leader_b, coalition):
    member = coalition.members.get(person=leader_b)
    member.notify = "digest"
    member.digest_sent_until = timezone.now() - timedelta(hours=1)
    member.save()
    thread = ThreadFactory(coalition=coalition, title="Figures")
    PostFactory(thread=thread, author=staff_a, body="Weekly totals")
    PostFactory(thread=thread, author=leader_b, body="Own post")
    assert services.digest_send() == 1
    message = OutboxMessage.objects.get(to=leader_b.email)
    assert "Weekly totals" in message.body_text and "Own post" not in message.body_text
    assert services.digest_send() == 0
    assert OutboxMessage.objects.count() == 1


def test_the_digest_skips_deleted_posts(staff_a, leader_b, coalition):
    CoalitionMember.objects.filter(person=leader_b).update(
        notify="digest", digest_sent_until=timezone.now() - timedelta(hours=1)
    )
    PostFactory(
        thread=ThreadFactory(coalition=coalition), author=staff_a, deleted_at=timezone.now()
    )
    assert services.digest_send() == 0


def test_post_delete_keeps_the_place_in_the_thread(staff_a, coalition):
    post = PostFactory(thread=ThreadFactory(coalition=coalition), author=staff_a)
    services.post_delete(actor=staff_a, post=post)
    assert Post.objects.get(pk=post.pk).is_deleted


def test_counselling_request_goes_through_its_states(leader_a, coordinator, world):
    request = services.counselling_request_create(
        actor=leader_a, network=world.network, school=world.school_a, topic="T", kind="expert"
    )
    with pytest.raises(ValidationError):
        services.counselling_request_status_change(
            actor=coordinator, request=request, status="scheduled"
        )
    request = services.counselling_request_assign(
        actor=coordinator, request=request, adviser=coordinator
    )
    assert request.status == "assigned"
    request = services.counselling_request_status_change(
        actor=coordinator, request=request, status="open"
    )
    assert request.adviser is None


def test_progress_notes_only_by_owner_or_facilitator(leader_a, staff_a, learning_network):
    with pytest.raises(PermissionDenied):
        services.progress_note_create(
            author=staff_a, question=learning_network.private_question, text="x"
        )
    note = services.progress_note_create(
        author=leader_a, question=learning_network.private_question, text="Step"
    )
    assert note.noted_on == timezone.localdate()


def test_coalition_close_needs_a_summary(coordinator, coalition):
    with pytest.raises(ValidationError):
        services.coalition_close(actor=coordinator, coalition=coalition, result_summary=" ")


def test_a_post_mail_to_a_member_without_a_language_is_in_the_networks(
    staff_a, leader_b, coalition
):
    from django.utils import translation

    CoalitionMember.objects.filter(person=leader_b).update(notify="each_post")
    coalition.network.language = "de"
    coalition.network.save(update_fields=["language"])
    assert not leader_b.preferred_language
    # The author writes in English; the reader gets the network's language.
    with translation.override("en"):
        services.thread_create(author=staff_a, coalition=coalition, title="T", body="B")
    assert "Neuer Beitrag" in OutboxMessage.objects.get(to=leader_b.email).subject
