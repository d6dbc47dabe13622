"""The write path of the ground floor: invitations, roles, profiles, audit log, mail."""

import logging
import threading
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from qnet import rules as qrules
from qnet.models import (
    SCHOOL_ROLES,
    AuditEntry,
    Authority,
    Invitation,
    Membership,
    Network,
    NetworkMembership,
    OutboxMessage,
    Role,
    School,
    User,
)

logger = logging.getLogger(__name__)


# --- audit log ---------------------------------------------------------------


def authority_of(obj) -> Authority | None:
    """The authority in whose scope an object lies (for audit visibility)."""
    if isinstance(obj, Authority):
        return obj
    if isinstance(obj, School):
        return obj.authority
    if isinstance(obj, Network):
        return obj.authority
    for attr in ("authority", "school", "network"):
        related = getattr(obj, attr, None)
        if related is not None:
            return authority_of(related)
    return None


def audit_entry_create(
    *,
    actor: User | None,
    action: str,
    target: Model,
    authority: Authority | None = None,
    data: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        authority=authority if authority is not None else authority_of(target),
        data=data or {},
    )


# --- mail outbox -------------------------------------------------------------


def mail_enqueue(
    *,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[dict] | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage | None:
    """Render a mail in the recipient's language and queue it in the outbox.

    `template` names three files: <template>_subject.txt, <template>.txt, <template>.html.
    With a dedupe_key, a second call for the same key queues nothing and returns None.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language() or "en"):
        subject = " ".join(_render_plain_text(f"{template}_subject.txt", context).split())
        body_text = _render_plain_text(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    return outbox_message_create(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=attachments,
        dedupe_key=dedupe_key,
    )


def _render_plain_text(template_name: str, context: dict) -> str:
    """A subject or text body is not HTML: escaping would mail an event "Tom & Jerry" as
    "Tom &amp; Jerry". Rendered with autoescape off, so no template can forget it."""
    template = get_template(template_name).template
    return template.render(make_context(context, autoescape=False))


def outbox_message_create(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: list[dict] | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage | None:
    try:
        # A savepoint, so a duplicate key does not break the caller's transaction.
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                to=to,
                subject=subject[:250],
                body_text=body_text,
                body_html=body_html,
                attachments=attachments or [],
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key and OutboxMessage.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    _send_after_commit(message.pk)
    return message


# Mail queued in one transaction leaves in one task per SEND_BATCH messages, over one SMTP
# connection: a fan-out of 20,000 reminders as 20,000 tasks spent most of its time opening
# connections to the database and the mail server (about 25 ms a mail in the worker,
# against under 4 ms sent in a batch).
SEND_BATCH = 200
_unsent = threading.local()


def _send_after_commit(message_id: int) -> None:
    if not hasattr(_unsent, "ids"):
        _unsent.ids = []
    _unsent.ids.append(message_id)
    # Registered for every message, so a rolled-back savepoint cannot take the only
    # callback with it; the first one that runs sends them all, the others find nothing.
    transaction.on_commit(_enqueue_unsent)


def _enqueue_unsent() -> None:
    from qnet.tasks import outbox_send_batch_task

    ids, _unsent.ids = getattr(_unsent, "ids", []), []
    # Ids of rows a rolled-back transaction never kept may be among them: sending skips
    # whatever is not a pending row.
    for start in range(0, len(ids), SEND_BATCH):
        outbox_send_batch_task.delay(ids[start : start + SEND_BATCH])


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=min(2**attempts, 240))


def outbox_messages_send(*, message_ids: list[int]) -> int:
    """Send queued mails over one connection to the mail server; returns how many left."""
    connection = get_connection()
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - server down: each mail records its own failed try
        logger.warning("Mail server unreachable; %s mails wait for the next try", len(message_ids))
        connection = None
    try:
        return sum(
            outbox_message_send(message_id=message_id, connection=connection)
            for message_id in message_ids
        )
    finally:
        if connection is not None:
            connection.close()


def outbox_message_send(*, message_id: int, connection=None) -> bool:
    """Send one queued mail. Returns True when it went out now.

    The row lock and the status guard make this idempotent: a task delivered twice, or
    the periodic flush racing the first try, sends the mail once.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return False
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            connection=connection,
        )
        if message.body_html:
            email.attach_alternative(message.body_html, "text/html")
        for attachment in message.attachments:
            email.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        message.attempts += 1
        try:
            email.send()
        except Exception as exc:  # noqa: BLE001 - any transport error means "try later"
            logger.warning("Mail %s to %s failed: %s", message.pk, message.to, exc)
            message.last_error = str(exc)[:2000]
            if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
            else:
                message.next_attempt_at = timezone.now() + _retry_delay(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        message.status = OutboxMessage.Status.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
        return True


def outbox_flush(*, limit: int = 200) -> int:
    """Retry queued mail that is due; skips rows another worker holds."""
    sent = 0
    with transaction.atomic():
        due_ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
    if due_ids:
        sent = outbox_messages_send(message_ids=due_ids)
    return sent


# --- organisations -----------------------------------------------------------


def _full_clean(instance: Model) -> None:
    """Model validation with messages by field, as the admin's forms would show them."""
    instance.full_clean(validate_unique=True, validate_constraints=True)


@transaction.atomic
def authority_create(*, actor: User | None, name: str, country: str) -> Authority:
    authority = Authority(name=name.strip(), country=country.strip().upper())
    _full_clean(authority)
    authority.save()
    audit_entry_create(
        actor=actor,
        action="authority.create",
        target=authority,
        data={"name": authority.name, "country": authority.country},
    )
    return authority


@transaction.atomic
def school_create(
    *,
    actor: User | None,
    authority: Authority,
    name: str,
    kind: str = School.Kind.OTHER,
    city: str = "",
    official_id: str = "",
) -> School:
    school = School(
        authority=authority,
        name=name.strip(),
        kind=kind.strip(),
        city=city.strip(),
        official_id=official_id.strip(),
    )
    _full_clean(school)
    school.save()
    audit_entry_create(
        actor=actor,
        action="school.create",
        target=school,
        data={"name": school.name, "official_id": school.official_id},
    )
    return school


@transaction.atomic
def network_school_add(
    *, actor: User | None, network: Network, school: School, since: date | None = None
) -> NetworkMembership:
    """Make a school a member of a network from `since` (default: today)."""
    membership = NetworkMembership(
        network=network, school=school, since=since or timezone.localdate()
    )
    _full_clean(membership)
    membership.save()
    audit_entry_create(
        actor=actor,
        action="network.school_add",
        target=network,
        data={"school": school.name, "since": membership.since.isoformat()},
    )
    return membership


# --- roles -------------------------------------------------------------------


def _scope_kwargs(scope) -> dict:
    if isinstance(scope, School):
        return {"school": scope}
    if isinstance(scope, Network):
        return {"network": scope}
    if isinstance(scope, Authority):
        return {"authority": scope}
    raise TypeError(f"Not a scope: {scope!r}")


def _check_role_fits_scope(role: str, scope) -> None:
    fits = (
        (role in SCHOOL_ROLES and isinstance(scope, School))
        or (role == Role.COORDINATOR and isinstance(scope, Network))
        or (role == Role.AUTHORITY_STAFF and isinstance(scope, Authority))
    )
    if not fits:
        raise ValidationError(_("This role cannot be given for this organisation."))


@transaction.atomic
def membership_grant(*, actor: User | None, user: User, role: str, scope) -> Membership:
    _check_role_fits_scope(role, scope)
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, **_scope_kwargs(scope)
    )
    if created:
        audit_entry_create(
            actor=actor,
            action="membership.grant",
            target=membership,
            authority=authority_of(scope),
            data={"user": user.email, "role": role},
        )
    qrules.forget_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> None:
    if membership.role not in qrules.invitable_roles(actor, membership.scope):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="membership.revoke",
        target=membership,
        authority=authority_of(membership.scope),
        data={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()
    qrules.forget_roles(membership.user)


# --- invitations -------------------------------------------------------------


def invitee_language(*, email: str, scope, requested: str | None = None) -> str:
    """The language to write to someone who may not have an account yet: the one they
    chose if they have one, else the one asked for, else the network's or authority's
    (never the inviter's: a coordinator reading in English invites Dutch teachers)."""
    preferred = (
        User.objects.filter(email__iexact=email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    if preferred:
        return preferred
    if requested:
        return requested
    if isinstance(scope, Network):
        return scope.language
    authority = authority_of(scope)
    return authority.language if authority is not None else settings.LANGUAGE_CODE


@transaction.atomic
def invitation_create(
    *,
    invited_by: User | None,
    email: str,
    role: str,
    scope,
    language: str | None = None,
    full_name: str = "",
) -> tuple[Invitation, str]:
    """Invite an email address into a role. Returns the invitation and its secret token.

    `invited_by=None` is the system: an operator at the command line (`create_authority`,
    `import_organisations`), who may invite into any role. Views always pass the person
    signed in, whose rights are checked.
    """
    if invited_by is not None and role not in qrules.invitable_roles(invited_by, scope):
        raise PermissionDenied
    _check_role_fits_scope(role, scope)
    email = email.strip().lower()
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    scope_kwargs = _scope_kwargs(scope)
    if Membership.objects.filter(user__email__iexact=email, role=role, **scope_kwargs).exists():
        raise ValidationError(_("This person already has this role here."))
    # A new invitation replaces an open one for the same role, so only one link works.
    Invitation.objects.filter(
        email__iexact=email,
        role=role,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        **scope_kwargs,
    ).update(revoked_at=timezone.now())
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        invited_by=invited_by,
        token_hash=token_hash,
        full_name=full_name.strip(),
        language=language or "",
        **scope_kwargs,
    )
    audit_entry_create(
        actor=invited_by,
        action="invitation.create",
        target=invitation,
        authority=authority_of(scope),
        data={"email": email, "role": role},
    )
    mail_enqueue(
        to=email,
        template="qnet/mail/invitation",
        context={
            "invitation": invitation,
            "inviter": invited_by,
            "invitee_name": invitation.full_name,
            "scope": scope,
            # Lazy: the role is named in the mail's language, not in the inviter's.
            "role": Role(invitation.role).label,
            "accept_url": settings.SITE_URL + reverse("qnet:invitation_accept", args=[token]),
        },
        language=invitee_language(email=email, scope=scope, requested=language),
    )
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> None:
    if invitation.role not in qrules.invitable_roles(actor, invitation.scope):
        raise PermissionDenied
    if invitation.state != "open":
        raise ValidationError(_("Only an open invitation can be revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_entry_create(
        actor=actor,
        action="invitation.revoke",
        target=invitation,
        authority=authority_of(invitation.scope),
        data={"email": invitation.email},
    )


@transaction.atomic
def invitation_accept(
    *,
    invitation_id: int,
    user: User | None = None,
    full_name: str = "",
    password: str | None = None,
) -> User:
    """Turn an open invitation into a role.

    A new person gets an account with the given name and password; a signed-in person
    whose address was invited just gets the role. The row lock stops a double submit
    from accepting twice.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if invitation.state != "open":
        raise ValidationError(_("This invitation is no longer valid."))
    if user is None:
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is not None:
            raise ValidationError(_("An account with this address exists: please sign in first."))
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=full_name.strip() or invitation.full_name,
            preferred_language=invitation.language,
        )
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied
    # The link reached this address, so the address is verified.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    membership_grant(actor=user, user=user, role=invitation.role, scope=invitation.scope)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return user


# --- profile -----------------------------------------------------------------


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, preferred_language: str) -> User:
    user.full_name = full_name.strip()
    user.preferred_language = preferred_language
    user.save(update_fields=["full_name", "preferred_language"])
    return user


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
