import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from qnet.demo import DEMO_PASSWORD
from qnet.models import Authority, Membership, Network, OutboxMessage, School, User

pytestmark = pytest.mark.django_db

PERSONAS = [
    "authority@example.org",
    "authority-other@example.org",
    "coordinator@example.org",
    "leader-a@example.org",
    "leader-b@example.org",
    "staff-a@example.org",
    "facilitator@example.org",
]


def test_it_creates_the_personas_and_their_world(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for email in PERSONAS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    demo = Authority.objects.get(name="Demo authority")
    assert School.objects.filter(authority=demo).count() >= 12
    assert School.objects.exclude(authority=demo).exists()
    network = Network.objects.get(name="Demo network")
    assert network.schools.filter(name="School A").exists()
    assert Membership.objects.filter(user__email="coordinator@example.org", network=network)
    for email in ("authority@example.org", "authority-other@example.org"):
        assert Authenticator.objects.filter(user__email=email, type="totp").exists()


def test_it_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), School.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert counts == (User.objects.count(), School.objects.count(), Membership.objects.count())


def test_it_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_seeds_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    call_command("seed_demo", force=True)
    assert User.objects.filter(email="leader-a@example.org").exists()


CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


@pytest.fixture
def embedded(settings):
    """As `make run` without settings: tasks in this process, mail printed to the console."""
    settings.DEBUG = True
    settings.EMAIL_BACKEND = CONSOLE_BACKEND
    settings.CELERY_TASK_ALWAYS_EAGER = True


# Committed transactions: the demo's mails leave through on-commit tasks, as in `make run`.
@pytest.mark.django_db(transaction=True)
def test_it_prints_only_a_short_summary_by_default(embedded, capsys, caplog):
    caplog.set_level("INFO")
    call_command("seed_demo")
    printed = capsys.readouterr()
    lines = printed.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Demo data ready: ")
    assert "demo mails, not printed (-v 2 prints them)." in lines[0]
    assert "qnet-demo-2026" in lines[1]
    assert "Subject:" not in printed.out + printed.err
    assert not [r for r in caplog.records if r.name.startswith(("celery", "kombu"))]
    # Quiet, not skipped: the mails went through the outbox as always.
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).exists()
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()


@pytest.mark.django_db(transaction=True)
def test_verbosity_2_lists_the_personas_and_prints_the_mails(embedded, capsys, caplog):
    caplog.set_level("INFO")
    call_command("seed_demo", verbosity=2)
    printed = capsys.readouterr().out
    assert "  coordinator@example.org: Coordinator, Demo network" in printed
    assert "Subject: " in printed
    assert [r for r in caplog.records if r.name.startswith("celery")]
