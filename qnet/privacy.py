"""A person's right to their data and to be forgotten.

Both walk every model with a relation to the user, found through the app registry, so a
model added later is included without anyone having to remember this module.
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
    """Everything qnet holds about a person, by model, as JSON-ready data."""
    person = _plain(user)
    person.pop("groups", None)
    person.pop("user_permissions", None)
    records = {}
    for model, fields in user_relations():
        query = Q()
        for name in fields:
            query |= Q(**{name: user})
        rows = [_plain(obj) for obj in model._default_manager.filter(query).distinct()]
        records[model._meta.label_lower] = rows
    return {
        "exported_at": timezone.now(),
        "site": settings.SITE_URL,
        "person": person,
        "records": records,
    }


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

    from qnet.models import AuditEntry, Invitation, OutboxMessage
    from qnet.services import audit_entry_create

    email, name = user.email, user.full_name
    OutboxMessage.objects.filter(to__iexact=email, status=OutboxMessage.Status.PENDING).update(
        status=OutboxMessage.Status.CANCELLED, last_error="recipient erased"
    )
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    EmailAddress.objects.filter(user=user).delete()
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
