from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import DatePoll, DatePollVote, Event
from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def options(count=2, school=None):
    start = timezone.now() + timedelta(days=30)
    return [
        {
            "starts_at": start + timedelta(days=7 * n),
            "ends_at": start + timedelta(days=7 * n, hours=3),
            "venue_name": f"Venue {n}",
            "host_school": school,
        }
        for n in range(count)
    ]


@pytest.fixture
def poll(coordinator, fmt, world):
    return services.date_poll_create(
        actor=coordinator, format=fmt, title="Extra meeting", options=options(3, world.school_a)
    )


def test_a_coordinator_opens_a_poll_with_options(poll):
    assert poll.status == DatePoll.Status.OPEN
    assert poll.options.count() == 3


def test_only_coordinators_open_polls(leader_a, fmt):
    with pytest.raises(PermissionDenied):
        services.date_poll_create(actor=leader_a, format=fmt, title="x", options=options())


def test_a_poll_needs_sane_dates(coordinator, fmt, world):
    with pytest.raises(ValidationError, match="at least one"):
        services.date_poll_create(actor=coordinator, format=fmt, title="x", options=[])
    backwards = options(1)
    backwards[0]["ends_at"] = backwards[0]["starts_at"] - timedelta(hours=1)
    with pytest.raises(ValidationError, match="end must be after"):
        services.date_poll_create(actor=coordinator, format=fmt, title="x", options=backwards)
    with pytest.raises(ValidationError, match="not in the network"):
        services.date_poll_create(
            actor=coordinator, format=fmt, title="x", options=options(1, world.school_other)
        )


def test_members_answer_and_can_change_their_answer(poll, leader_a):
    first, second, third = poll.options.all()
    services.date_poll_vote(actor=leader_a, poll=poll, answers={first.pk: "yes", second.pk: "no"})
    services.date_poll_vote(actor=leader_a, poll=poll, answers={second.pk: "maybe"})
    answers = dict(DatePollVote.objects.values_list("option_id", "answer"))
    assert answers == {first.pk: "yes", second.pk: "maybe"}


def test_outsiders_cannot_answer(poll, outsider):
    with pytest.raises(PermissionDenied):
        services.date_poll_vote(actor=outsider, poll=poll, answers={})


def test_bad_answers_are_refused(poll, leader_a, other_event, coordinator, world):
    option = poll.options.first()
    with pytest.raises(ValidationError, match="Unknown answer"):
        services.date_poll_vote(actor=leader_a, poll=poll, answers={option.pk: "perhaps"})
    with pytest.raises(ValidationError, match="this poll only"):
        services.date_poll_vote(actor=leader_a, poll=poll, answers={999999: "yes"})
    assert not DatePollVote.objects.exists()


def test_closing_creates_a_published_event_and_tells_everyone_who_answered(
    poll, coordinator, leader_a, leader_b
):
    first, second, _ = poll.options.all()
    services.date_poll_vote(actor=leader_a, poll=poll, answers={second.pk: "yes"})
    services.date_poll_vote(actor=leader_b, poll=poll, answers={second.pk: "maybe"})
    event = services.date_poll_close(actor=coordinator, poll=poll, option=second)
    poll.refresh_from_db()
    assert poll.status == "closed" and poll.event == event and poll.chosen_option == second
    assert event.status == Event.Status.PUBLISHED
    assert (event.starts_at, event.venue_name) == (second.starts_at, "Venue 1")
    mails = OutboxMessage.objects.filter(dedupe_key__startswith=f"poll-closed:{poll.pk}:")
    assert sorted(mails.values_list("to", flat=True)) == [leader_a.email, leader_b.email]
    assert f"UID:event-{event.pk}@qnet" in mails[0].attachments[0]["content"]
    with pytest.raises(ValidationError, match="closed"):
        services.date_poll_close(actor=coordinator, poll=poll, option=first)
    with pytest.raises(ValidationError, match="closed"):
        services.date_poll_vote(actor=leader_a, poll=poll, answers={first.pk: "yes"})


def test_closing_a_poll_for_an_event_moves_that_event(coordinator, fmt, event):
    poll = services.date_poll_create(
        actor=coordinator, format=fmt, title="New date", options=options(2), event=event
    )
    chosen = poll.options.last()
    moved = services.date_poll_close(actor=coordinator, poll=poll, option=chosen)
    assert moved.pk == event.pk
    assert moved.starts_at == chosen.starts_at and moved.sequence == event.sequence + 1


def test_only_coordinators_close_polls(poll, leader_a):
    with pytest.raises(PermissionDenied):
        services.date_poll_close(actor=leader_a, poll=poll, option=poll.options.first())
