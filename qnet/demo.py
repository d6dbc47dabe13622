"""Demo data: the personas of DESIGN.md and the organisations they work in.

Every step is idempotent (get-or-create on natural keys), so `seed_demo` can run at
every start. Apps add their own demo data by registering a seeder in AppConfig.ready();
qnet itself imports no app.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from qnet import services
from qnet.models import Authority, Network, NetworkMembership, Role, School, User
from qnet.registry import OrderedRegistry

DEMO_PASSWORD = "qnet-demo-2026"
# Demo only: a published, well-known secret so testers can add it to any authenticator app.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

DEMO_SCHOOLS = [
    ("School A", "Nordpark", "vocational", "0910001"),
    ("School B", "Südstadt", "vocational", "0910002"),
    ("School C", "Westend", "secondary", "0910003"),
    ("School D", "Ostufer", "secondary", "0910004"),
    ("School E", "Altstadt", "primary", "0910005"),
    ("School F", "Hafen", "primary", "0910006"),
    ("School G", "Lindenhof", "vocational", "0910007"),
    ("School H", "Kirchberg", "special", "0910008"),
    ("School I", "Mühlbach", "primary", "0910009"),
    ("School J", "Seeblick", "secondary", "0910010"),
    ("School K", "Am Wald", "primary", "0910011"),
    ("School L", "Bahnhof", "vocational", "0910012"),
]
DEMO_NETWORK_SCHOOLS = ["School A", "School B", "School C", "School D", "School E", "School F"]
OTHER_SCHOOLS = [
    ("Fjordvik skole", "Fjordvik", "primary", "974500001"),
    ("Nesset ungdomsskole", "Nesset", "secondary", "974500002"),
    ("Bakken skole", "Bakken", "primary", "974500003"),
]

CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Embedded, every task runs inside the seeding process and logs its result at INFO, and
# kombu warns about the in-memory broker's missing host name: noise before the first page.
TASK_LOGGERS = ["celery", "kombu"]

Seeder = Callable[[dict], None]
_seeders: OrderedRegistry[Seeder] = OrderedRegistry()


def register_seeder(seeder: Seeder, *, order: int = 500) -> None:
    _seeders.add(seeder, order=order)


def _person(email: str, full_name: str, language: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=full_name, preferred_language=language
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _with_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    RecoveryCodes.activate(user)


@transaction.atomic
def seed_organisations() -> dict:
    # The demo's texts are English, so its reports are too, whatever the country.
    demo_authority, _ = Authority.objects.get_or_create(
        name="Demo authority", defaults={"country": "DE", "language": "en"}
    )
    other_authority, _ = Authority.objects.get_or_create(
        name="Other authority", defaults={"country": "NO", "language": "en"}
    )
    schools = {}
    for name, city, kind, official_id in DEMO_SCHOOLS:
        schools[name], _ = School.objects.get_or_create(
            authority=demo_authority,
            name=name,
            defaults={"city": city, "kind": kind, "official_id": official_id},
        )
    for name, city, kind, official_id in OTHER_SCHOOLS:
        schools[name], _ = School.objects.get_or_create(
            authority=other_authority,
            name=name,
            defaults={"city": city, "kind": kind, "official_id": official_id},
        )
    network, _ = Network.objects.get_or_create(
        name="Demo network",
        defaults={
            "authority": demo_authority,
            "description": "The quality network of the Demo authority's schools.",
            "language": "de",
            "time_zone": "Europe/Berlin",
        },
    )
    for name in DEMO_NETWORK_SCHOOLS:
        NetworkMembership.objects.get_or_create(
            network=network, school=schools[name], defaults={"since": date(2024, 8, 1)}
        )
    other_network, _ = Network.objects.get_or_create(
        name="Fjord network",
        defaults={"authority": other_authority, "language": "nb", "time_zone": "Europe/Oslo"},
    )
    for name, *_rest in OTHER_SCHOOLS:
        NetworkMembership.objects.get_or_create(
            network=other_network, school=schools[name], defaults={"since": date(2025, 1, 1)}
        )
    return {
        "demo_authority": demo_authority,
        "other_authority": other_authority,
        "schools": schools,
        "network": network,
        "other_network": other_network,
    }


@transaction.atomic
def seed_personas(world: dict) -> dict:
    people = {
        "authority": _person("authority@example.org", "Anna Amtmann", "de"),
        "authority_other": _person("authority-other@example.org", "Ola Nordmann", "nb"),
        "coordinator": _person("coordinator@example.org", "Clara Koordinator"),
        "leader_a": _person("leader-a@example.org", "Lea Albers"),
        "leader_b": _person("leader-b@example.org", "Bram de Boer", "nl"),
        "staff_a": _person("staff-a@example.org", "Sam Acker"),
        "facilitator": _person("facilitator@example.org", "Fenna Facilitator"),
    }
    grants = [
        (people["authority"], Role.AUTHORITY_STAFF, world["demo_authority"]),
        (people["authority_other"], Role.AUTHORITY_STAFF, world["other_authority"]),
        (people["coordinator"], Role.COORDINATOR, world["network"]),
        (people["leader_a"], Role.SCHOOL_LEADER, world["schools"]["School A"]),
        (people["leader_b"], Role.SCHOOL_LEADER, world["schools"]["School B"]),
        (people["staff_a"], Role.SCHOOL_STAFF, world["schools"]["School A"]),
    ]
    for user, role, scope in grants:
        services.membership_grant(actor=None, user=user, role=role, scope=scope)
    _with_totp(people["authority"])
    _with_totp(people["authority_other"])
    return people


def seed_all() -> dict:
    world = seed_organisations()
    world["people"] = seed_personas(world)
    for seeder in _seeders:
        seeder(world)
    return world


def mail_is_printed_here() -> bool:
    """Embedded, the mail tasks run in this process and print every mail."""
    return settings.CELERY_TASK_ALWAYS_EAGER and settings.EMAIL_BACKEND == CONSOLE_BACKEND


@contextmanager
def quietly(*, enabled: bool):
    """Keep the tasks' logs and the mails printed to the console out of the output."""
    if not enabled:
        yield
        return
    loggers = [logging.getLogger(name) for name in TASK_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    # Only the console backend: a demo installation with a real mail server still sends.
    # The messages count as sent, as they would once printed.
    try:
        if mail_is_printed_here():
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                yield
        else:
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
