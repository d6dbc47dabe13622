"""Threads and posts between meetings, and the mail that tells members about them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.markup import render_markdown
from qnet.models import User
from qnet.services import audit_entry_create, mail_enqueue

from .. import rules as crules
from ..models import Coalition, CoalitionMember, Post, Thread

MAX_POST_LENGTH = 20_000


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > MAX_POST_LENGTH:
        raise ValidationError(
            _("A post may have at most %(max)d characters.") % {"max": MAX_POST_LENGTH}
        )
    return body


def _thread_url(thread: Thread) -> str:
    return settings.SITE_URL + reverse(
        "coalitions:thread", kwargs={"pk": thread.coalition_id, "thread_pk": thread.pk}
    )


def _notify_each_post(post: Post) -> None:
    thread = post.thread
    members = (
        CoalitionMember.objects.filter(
            coalition_id=thread.coalition_id, notify=CoalitionMember.Notify.EACH_POST
        )
        .exclude(person_id=post.author_id)
        .select_related("person")
    )
    for member in members:
        mail_enqueue(
            to=member.person.email,
            template="coalitions/mail/post",
            context={
                "post": post,
                "thread": thread,
                "coalition": thread.coalition,
                "author": post.author,
                "thread_url": _thread_url(thread),
            },
            language=member.person.preferred_language or thread.coalition.network.language,
            dedupe_key=f"coalitions-post-{post.pk}-{member.person_id}",
        )


@transaction.atomic
def thread_create(*, author: User, coalition: Coalition, title: str, body: str) -> Thread:
    if not crules.can_post(author, coalition):
        raise PermissionDenied
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the thread a title."))
    body = _clean_body(body)
    thread = Thread.objects.create(coalition=coalition, title=title, created_by=author)
    _post_write(author=author, thread=thread, body=body)
    return thread


def _post_write(*, author: User, thread: Thread, body: str) -> Post:
    post = Post.objects.create(
        thread=thread, author=author, body=body, body_html=render_markdown(body)
    )
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    thread.last_post_at = post.created_at
    _notify_each_post(post)
    return post


@transaction.atomic
def post_create(*, author: User, thread: Thread, body: str) -> Post:
    if not crules.can_post(author, thread.coalition):
        raise PermissionDenied
    return _post_write(author=author, thread=thread, body=_clean_body(body))


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    if not crules.is_post_author(actor, post) or not crules.can_post(actor, post.thread.coalition):
        raise PermissionDenied
    if post.is_deleted:
        raise ValidationError(_("A deleted post cannot be edited."))
    post.body = _clean_body(body)
    post.body_html = render_markdown(post.body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """Soft delete: the place in the thread stays, the text goes."""
    coalition = post.thread.coalition
    if not (crules.is_post_author(actor, post) or crules.can_manage_content(actor, coalition)):
        raise PermissionDenied
    if post.is_deleted:
        return post
    audit_entry_create(
        actor=actor,
        action="coalition.post_delete",
        target=post,
        authority=coalition.network.authority,
        data={"thread": post.thread_id, "author": post.author.email if post.author else None},
    )
    post.body = ""
    post.body_html = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["body", "body_html", "deleted_at", "updated_at"])
    return post


def digest_send(*, now=None, limit: int = 500) -> int:
    """Mail each member who chose the digest the posts since their last one.

    Rows are claimed with skip_locked, and the dedupe key names the start of the span,
    so a schedule that fires twice or two racing workers never mail the same posts twice.
    """
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        members = list(
            CoalitionMember.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(notify=CoalitionMember.Notify.DIGEST)
            .select_related("person", "coalition__network")
            .order_by("pk")[:limit]
        )
        for member in members:
            since = member.digest_sent_until or max(member.created_at, now - timedelta(days=1))
            posts = list(
                Post.objects.filter(
                    thread__coalition_id=member.coalition_id,
                    created_at__gt=since,
                    created_at__lte=now,
                    deleted_at__isnull=True,
                )
                .exclude(author_id=member.person_id)
                .select_related("thread", "author")
                .order_by("thread_id", "created_at")
            )
            if posts:
                queued = mail_enqueue(
                    to=member.person.email,
                    template="coalitions/mail/digest",
                    context={
                        "coalition": member.coalition,
                        "posts": posts,
                        "coalition_url": settings.SITE_URL
                        + reverse("coalitions:detail", args=[member.coalition_id]),
                    },
                    language=member.person.preferred_language or member.coalition.network.language,
                    dedupe_key=f"coalitions-digest-{member.pk}-{since.isoformat()}",
                )
                sent += queued is not None
            member.digest_sent_until = now
            member.save(update_fields=["digest_sent_until"])
    return sent
