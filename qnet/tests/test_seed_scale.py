"""`seed_scale` at a tiny scale: the counts it promises, and the personas inside the data."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from coalitions.selectors import coalitions_visible_to
from events.models import Event, Registration
from events.scale import BIG_EVENT_TITLE
from events.selectors import events_visible_to
from qnet.models import Authority, Membership, School, User
from qnet.scale import SCALE_PREFIX
from selfassessment.models import Measure, Result
from selfassessment.selectors import assessments_visible_to, follow_up_list

pytestmark = pytest.mark.django_db

# 2 % of the full set: 4 schools, 40 people, 20 events, 400 registrations.
SCALE = 0.02


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    before = {
        "users": User.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
    }
    call_command("seed_scale", scale=SCALE)
    return before


def _persona(email):
    return User.objects.get(email=email)


def test_it_adds_the_promised_counts(seeded):
    demo = Authority.objects.get(name="Demo authority")
    assert School.objects.filter(authority=demo, official_id__startswith=SCALE_PREFIX).count() == 4
    assert User.objects.count() - seeded["users"] == 40
    assert Event.objects.count() - seeded["events"] == 20
    assert Registration.objects.count() - seeded["registrations"] == 400
    this_year = timezone.localdate().year
    years = set(
        Result.objects.filter(measure__authority=demo).values_list("year", flat=True).distinct()
    )
    assert set(range(this_year - 5, this_year)) <= years
    # Every school of the authority has five years of every measure.
    expected = (
        School.objects.filter(authority=demo).count()
        * Measure.objects.filter(authority=demo).count()
    )
    assert (
        Result.objects.filter(measure__authority=demo, year__gte=this_year - 5).count()
        >= expected * 5
    )


def test_the_new_people_have_roles_at_the_new_schools(seeded):
    scale_schools = School.objects.filter(official_id__startswith=SCALE_PREFIX)
    for school in scale_schools:
        assert Membership.objects.filter(school=school, role="school_leader").count() == 1
        assert Membership.objects.filter(school=school, role="school_staff").count() == 9


def test_the_personas_see_the_data(seeded):
    coordinator = _persona("coordinator@example.org")
    leader_a = _persona("leader-a@example.org")
    authority = _persona("authority@example.org")

    scale_events = Event.objects.filter(network__name="Demo network")
    assert events_visible_to(coordinator).filter(pk__in=scale_events).count() >= 20
    big = Event.objects.get(title=BIG_EVENT_TITLE)
    assert events_visible_to(leader_a).filter(pk=big.pk).exists()
    assert big.registrations.count() == 8

    school_a_registrations = Registration.objects.filter(school__name="School A")
    assert school_a_registrations.filter(person=leader_a).count() >= 20 // 3

    scale_schools = School.objects.filter(official_id__startswith=SCALE_PREFIX)
    visible = assessments_visible_to(authority).filter(school__in=scale_schools)
    # Drafts stay with the school: the authority sees the three of four that were sent.
    assert visible.count() == 3
    demo = Authority.objects.get(name="Demo authority")
    _years, flagged = follow_up_list(authority=demo)
    assert {row.school.pk for row in flagged} & set(scale_schools.values_list("pk", flat=True))
    assert coalitions_visible_to(leader_a).filter(title__startswith="Working group").exists()


def test_a_second_run_adds_nothing(seeded, capsys):
    counts = (School.objects.count(), Event.objects.count(), Registration.objects.count())
    call_command("seed_scale", scale=SCALE)
    assert "already there" in capsys.readouterr().out
    assert counts == (School.objects.count(), Event.objects.count(), Registration.objects.count())


def test_it_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_scale", scale=SCALE)
    assert not School.objects.exists()


def test_it_refuses_a_scale_of_zero(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="greater than 0"):
        call_command("seed_scale", scale=0)
