"""Publishing a whole series, the turn order of host schools, and the venue that follows
the host school."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.forms import SeriesForm
from events.models import Event
from qnet.models import AuditEntry, School

pytestmark = pytest.mark.django_db


def soon(days=14):
    return timezone.now() + timedelta(days=days)


@pytest.fixture
def draft_series(coordinator, fmt):
    return services.series_create(
        actor=coordinator,
        format=fmt,
        title="Learning network",
        starts=[soon(10 + 14 * n) for n in range(3)],
    )


# --- publishing a series ---------------------------------------------------------------


def test_series_publish_publishes_every_draft_through_the_single_event_path(
    coordinator, draft_series
):
    published = services.series_publish(actor=coordinator, series=draft_series)
    assert [event.series_number for event in published] == [1, 2, 3]
    assert set(draft_series.events.values_list("status", flat=True)) == {Event.Status.PUBLISHED}
    # Each meeting has the audit entry (and whatever else) event_publish gives it.
    assert AuditEntry.objects.filter(action="event.publish").count() == 3
    entry = AuditEntry.objects.get(action="series.publish")
    assert entry.object_id == str(draft_series.pk)
    assert entry.data == {"events": [event.pk for event in published]}


def test_series_publish_tells_each_person_once_of_the_series(coordinator, draft_series, leader_a):
    from qnet.models import Notice, NoticeKind, OutboxMessage

    services.series_publish(actor=coordinator, series=draft_series)
    notice = Notice.objects.get(recipient=leader_a, kind=NoticeKind.EVENT_PUBLISHED)
    assert notice.params["title"] == draft_series.title
    assert notice.url == f"/events/series/{draft_series.pk}/"
    assert OutboxMessage.objects.filter(to=leader_a.email).count() == 1


def test_series_publish_leaves_published_and_cancelled_meetings_as_they_are(
    coordinator, draft_series
):
    first, second, third = draft_series.events.order_by("series_number")
    services.event_publish(actor=coordinator, event=first)
    services.event_cancel(actor=coordinator, event=third)
    published = services.series_publish(actor=coordinator, series=draft_series)
    assert [event.pk for event in published] == [second.pk]
    third.refresh_from_db()
    assert third.status == Event.Status.CANCELLED


def test_series_publish_is_all_or_nothing(coordinator, draft_series, monkeypatch):
    from events.services import series_publishing

    real_publish = series_publishing.event_publish
    calls = []

    def publish_then_fail(*, actor, event, **options):
        calls.append(event.pk)
        if len(calls) == 2:
            raise ValidationError("The second one cannot be published.")
        return real_publish(actor=actor, event=event, **options)

    monkeypatch.setattr(series_publishing, "event_publish", publish_then_fail)
    with pytest.raises(ValidationError):
        services.series_publish(actor=coordinator, series=draft_series)
    assert set(draft_series.events.values_list("status", flat=True)) == {Event.Status.DRAFT}
    assert not AuditEntry.objects.filter(action__in=["event.publish", "series.publish"]).exists()


def test_series_publish_without_drafts_says_so(coordinator, draft_series):
    services.series_publish(actor=coordinator, series=draft_series)
    with pytest.raises(ValidationError, match="no drafts"):
        services.series_publish(actor=coordinator, series=draft_series)


@pytest.mark.parametrize("persona", ["leader_a", "authority_staff"])
def test_series_publish_is_the_coordinators(request, draft_series, persona):
    with pytest.raises(PermissionDenied):
        services.series_publish(actor=request.getfixturevalue(persona), series=draft_series)
    assert not draft_series.events.exclude(status=Event.Status.DRAFT).exists()


# --- the turn order of host schools ------------------------------------------------------


def test_series_create_follows_the_given_host_order(coordinator, fmt, world):
    series = services.series_create(
        actor=coordinator,
        format=fmt,
        title="Rotation",
        starts=[soon(10 + 14 * n) for n in range(3)],
        host_schools=[world.school_b, world.school_a],
    )
    hosts = [event.host_school for event in series.events.order_by("series_number")]
    assert hosts == [world.school_b, world.school_a, world.school_b]


def form_with_turns(world, **turns):
    start = timezone.localtime(soon(), world.network.tzinfo).strftime("%Y-%m-%dT%H:%M")
    schools = School.objects.filter(pk__in=[world.school_a.pk, world.school_b.pk])
    data = {"title": "Rotation", "first_starts_at": start, "count": "3", "interval_weeks": "4"}
    data.update({f"host_turn_{getattr(world, name).pk}": turn for name, turn in turns.items()})
    return SeriesForm(data, schools=schools.order_by("name"))


def test_the_series_form_orders_hosts_by_their_turn_not_by_name(world):
    form = form_with_turns(world, school_a="5", school_b="2")
    assert form.is_valid(), form.errors
    assert form.host_rotation() == [world.school_b, world.school_a]


def test_the_series_form_refuses_a_turn_given_twice(world):
    form = form_with_turns(world, school_a="1", school_b="1")
    assert not form.is_valid()
    assert "Give each host school a turn of its own." in form.non_field_errors()


# --- the venue from the host school ------------------------------------------------------


def test_an_event_at_a_host_school_without_a_venue_is_held_there(coordinator, fmt, world):
    event = services.event_create(
        actor=coordinator, format=fmt, starts_at=soon(), host_school=world.school_a
    )
    assert (event.venue_name, event.venue_address) == ("School A", world.school_a.city)


def test_an_entered_venue_stays(coordinator, fmt, world):
    event = services.event_create(
        actor=coordinator,
        format=fmt,
        starts_at=soon(),
        host_school=world.school_a,
        venue_name="Town hall",
    )
    assert (event.venue_name, event.venue_address) == ("Town hall", "")


def test_the_default_venue_follows_a_new_host(coordinator, fmt, world):
    event = services.event_create(
        actor=coordinator, format=fmt, starts_at=soon(), host_school=world.school_a
    )
    # The edit form posts the venue as it shows it: still School A's.
    event = services.event_update(
        actor=coordinator,
        event=event,
        host_school=world.school_b,
        venue_name=event.venue_name,
        venue_address=event.venue_address,
    )
    assert (event.venue_name, event.venue_address) == ("School B", world.school_b.city)
    assert AuditEntry.objects.filter(action="event.update").latest("pk").data["fields"] == [
        "host_school",
        "venue_address",
        "venue_name",
    ]


def test_a_venue_of_its_own_does_not_follow_a_new_host(coordinator, fmt, world):
    event = services.event_create(
        actor=coordinator,
        format=fmt,
        starts_at=soon(),
        host_school=world.school_a,
        venue_name="Town hall",
    )
    event = services.event_update(actor=coordinator, event=event, host_school=world.school_b)
    assert event.venue_name == "Town hall"
