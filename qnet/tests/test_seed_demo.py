import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from qnet.demo import DEMO_PASSWORD
from qnet.models import Authority, Membership, Network, School, User

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
