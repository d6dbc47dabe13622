"""A person's right to their data and to be forgotten.

Both walk every model with a relation to the user, found through the app registry, so a
model added later is included without anyone having to remember this module; RELATIONS
says for each relation whether its rows are about the person or only their acts.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils import timezone

# Never handed out, not even to their owner: they would let anyone holding the file in.
SECRET_FIELDS = {"password", "token", "token_hash", "secret", "data", "key"}
SECRET_MODELS = {"mfa.authenticator": {"data"}}

# How each relation of a model to a person is exported (GDPR Art. 15: the data about the
# person who asks). OWN: the row is about the person (their registration, their post),
# exported in full. A tuple of field names: the person acted on a row about someone else,
# whose free text, name and address are that person's data, not the actor's; only the
# fact of the act is exported (when, and these fields). qnet/tests/test_views_privacy.py
# fails for a relation missing here; until then it is exported as a bare fact.
OWN = "own"
RELATIONS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "qnet.membership": {"user": OWN},
    "qnet.invitation": {
        "accepted_by": OWN,
        "invited_by": ("role", "school", "network", "authority", "accepted_at", "revoked_at"),
    },
    "qnet.notice": {"recipient": OWN},
    "qnet.notificationpreference": {"user": OWN},
    "qnet.auditentry": {"actor": ("action", "object_type", "object_id", "authority")},
    "events.registration": {"person": OWN, "registered_by": ("event",)},
    "events.calendarfeed": {"user": OWN},
    "events.attachment": {"uploaded_by": OWN},
    "events.guestinvitation": {"invited_by": ("event", "role")},
    "events.agendaproposal": {"person": OWN},
    "events.datepoll": {"created_by": OWN},
    "events.datepollvote": {"person": OWN},
    "coalitions.coalitionmember": {"person": OWN},
    "coalitions.membershiprequest": {"person": OWN, "decided_by": ("coalition", "status")},
    "coalitions.progressnote": {"author": OWN},
    "coalitions.thread": {"created_by": OWN},
    "coalitions.post": {"author": OWN},
    "coalitions.resource": {"created_by": OWN},
    "coalitions.prioritisation": {"created_by": OWN},
    "coalitions.counsellingrequest": {
        "requested_by": OWN,
        "adviser": ("network", "school", "kind", "status"),
    },
    "selfassessment.selfassessment": {
        "last_saved_by": ("cycle", "school", "status", "last_saved_at"),
        "editors": ("cycle", "school", "status"),
    },
    "selfassessment.agreementnote": {"author": OWN},
    "selfassessment.agreementproposal": {
        "proposed_by": OWN,
        "decided_by": ("agreement", "status", "state", "decided_at"),
    },
    "selfassessment.resultimport": {
        "uploaded_by": ("authority", "file_name", "state"),
        "committed_by": ("authority", "file_name", "committed_at"),
    },
    "reports.annualreport": {"published_by": ("authority", "year", "version", "published_at")},
    "reports.reviewcomment": {"author": OWN},
    "reports.reviewrequest": {"reviewer": OWN},
    "admin.logentry": {"user": ("action_time", "content_type", "object_id", "action_flag")},
    "account.emailaddress": {"user": OWN},
    "mfa.authenticator": {"user": OWN},
}


def user_relations() -> list[tuple[type, list[str]]]:
    """(model, [field names pointing at the user]) for every model that has such a field."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model is user_model:
            continue
        names = [
            field.name
            for field in model._meta.get_fields()
            if field.concrete
            and (field.many_to_one or field.one_to_one or field.many_to_many)
            and field.related_model is user_model
        ]
        if names:
            found.append((model, names))
    return found


def _plain(instance) -> dict:
    values = model_to_dict(instance)
    values["id"] = instance.pk
    hidden = SECRET_FIELDS | SECRET_MODELS.get(instance._meta.label_lower, set())
    return {
        name: _jsonable(value)
        for name, value in values.items()
        if name not in hidden and not any(part in name for part in ("token", "secret"))
    }


def _jsonable(value):
    if isinstance(value, list):
        return [item.pk for item in value]
    if isinstance(value, FieldFile):
        # An uploaded file (an attachment, a resource) is named by its stored path; the
        # file itself is the person's to download where they uploaded it.
        return value.name or ""
    return value


def user_data_export(*, user) -> dict:
    """Everything qnet holds about a person, as JSON-ready data: under "records" the rows
    about them, in full; under "actions" what they did to rows about others (a colleague
    they registered, a guest they invited), as facts without those people's data."""
    person = _plain(user)
    person.pop("groups", None)
    person.pop("user_permissions", None)
    records, actions = {}, {}
    for model, fields in user_relations():
        label = model._meta.label_lower
        kinds = RELATIONS.get(label, {})
        own = [name for name in fields if kinds.get(name) == OWN]
        acted = [name for name in fields if kinds.get(name) != OWN]
        about_them = _any_of(own, user)
        if own:
            rows = model._default_manager.filter(about_them).distinct()
            records[label] = [_plain(obj) for obj in rows]
        for name in acted:
            rows = model._default_manager.filter(**{name: user})
            if own:
                # Their own registration, made by themselves, is already in the records.
                rows = rows.exclude(about_them)
            facts = [_fact(obj, name, kinds.get(name, ())) for obj in rows.distinct()]
            actions.setdefault(label, []).extend(facts)
    return {
        "exported_at": timezone.now(),
        "site": settings.SITE_URL,
        "person": person,
        "records": records,
        "actions": actions,
    }


def _any_of(names: list[str], user) -> Q:
    query = Q(pk__in=[])
    for name in names:
        query |= Q(**{name: user})
    return query


def _fact(instance, relation: str, names: tuple[str, ...]) -> dict:
    fact = {"id": instance.pk, "as": relation}
    fields = {field.name: field for field in instance._meta.concrete_fields}
    for name in ("created_at", *names):
        if name in fields:
            fact[name] = _jsonable(fields[name].value_from_object(instance))
    return fact


def user_data_json(*, user) -> str:
    import json

    return json.dumps(user_data_export(user=user), cls=DjangoJSONEncoder, indent=2)


@transaction.atomic
def user_erase(*, user) -> None:
    """Remove name and email everywhere; keep the rows that aggregates are counted from.

    Registrations, posts and assessments keep pointing at the (now nameless, inactive)
    account, so participation figures and histories stay right without naming anyone.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from qnet.models import AuditEntry, Invitation, Notice, NotificationPreference, OutboxMessage
    from qnet.services import audit_entry_create

    email, name = user.email, user.full_name
    OutboxMessage.objects.filter(to__iexact=email, status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.CANCELLED, last_error="recipient erased"
    )
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    EmailAddress.objects.filter(user=user).delete()
    # Notices only told the person what happened; no figure is counted from them.
    Notice.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    user.unread_notices = 0
    Authenticator.objects.filter(user=user).delete()
    erased_address = f"erased-{user.pk}@erased.invalid"
    for entry in AuditEntry.objects.filter(
        Q(data__icontains=email)
        | Q(object_repr__icontains=email)
        | Q(actor=user)
        | (Q(object_repr__icontains=name) if name else Q(pk__in=[]))
    ):
        entry.object_repr = _scrub(entry.object_repr, email, name)
        entry.data = _scrub_data(entry.data, email, name)
        entry.save(update_fields=["object_repr", "data"])
    user.email = erased_address
    user.full_name = ""
    user.preferred_language = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_entry_create(actor=None, action="user.erase", target=user, authority=None)


def _scrub(text: str, email: str, name: str) -> str:
    text = text.replace(email, "—")
    return text.replace(name, "—") if name else text


def _scrub_data(value, email: str, name: str):
    if isinstance(value, str):
        return _scrub(value, email, name)
    if isinstance(value, dict):
        return {key: _scrub_data(item, email, name) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_data(item, email, name) for item in value]
    return value
