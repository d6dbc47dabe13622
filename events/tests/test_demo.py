from datetime import timedelta

import pytest

from events.models import AgendaItem, Event, Registration, Series
from qnet import demo

pytestmark = pytest.mark.django_db


def test_the_demo_school_year_is_seeded_and_seeding_twice_changes_nothing():
    demo.seed_all()
    counts = (Event.objects.count(), Registration.objects.count(), AgendaItem.objects.count())
    demo.seed_all()
    assert (
        Event.objects.count(),
        Registration.objects.count(),
        AgendaItem.objects.count(),
    ) == counts
    meetings = Event.objects.filter(format__kind="coordinator_meeting")
    assert meetings.count() == 4
    past = meetings.order_by("starts_at").first()
    assert past.registrations.exclude(attendance="").count() == 3
    perspective = Event.objects.get(format__kind="perspective_day")
    assert perspective.agenda_items.filter(kind="workshop").count() == 4
    forum = Event.objects.get(format__kind="forum")
    assert forum.ends_at - forum.starts_at > timedelta(days=1)
    series = Series.objects.get()
    assert series.events.count() == 5 == series.size
    assert series.events.values("host_school").distinct().count() == 3
    kick_off = Event.objects.get(format__kind="kick_off")
    assert kick_off.online_url
    assert Event.objects.filter(status="published").count() == Event.objects.count()


def test_the_demo_has_an_open_date_poll_answered_by_two_leaders():
    from events.models import DatePoll, DatePollVote

    demo.seed_all()
    poll = DatePoll.objects.get()
    assert poll.is_open and poll.options.count() == 3
    voters = set(DatePollVote.objects.values_list("person__email", flat=True))
    assert voters == {"leader-a@example.org", "leader-b@example.org"}


def test_the_past_meeting_has_final_minutes_with_action_items():
    from events.models import Minutes

    demo.seed_all()
    demo.seed_all()
    minutes = Minutes.objects.get()
    assert minutes.is_final and minutes.action_items.count() == 2


def test_the_forum_has_speakers_and_an_honorary_guest():
    from events.models import GuestInvitation

    demo.seed_all()
    demo.seed_all()
    statuses = sorted(GuestInvitation.objects.values_list("role", "status"))
    assert statuses == [
        ("honorary_guest", "invited"),
        ("speaker", "accepted"),
        ("speaker", "accepted"),
    ]
