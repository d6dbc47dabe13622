import pytest

from events import services
from events.models import Event, Registration
from events.tests.factories import AgendaItemFactory, EventFactory, FormatFactory
from qnet.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/"


def test_it_shows_the_event_with_its_agenda_and_a_registration_form(login, leader_a, event):
    event.description = "**Bring** your <script>alert(1)</script> results"
    event.save()
    AgendaItemFactory(event=event, title="Peer observation", capacity=10)
    response = login(leader_a).get(url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert event.title in content and "Peer observation" in content
    assert "<strong>Bring</strong>" in content
    assert "<script>alert" not in content
    assert f'action="/events/{event.pk}/register/"' in content


def test_it_shows_the_online_link_only_to_registered_people(login, leader_a, leader_b, event):
    event.online_url = "https://meet.example.org/room-42"
    event.save()
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    assert b"room-42" in login(leader_a).get(url(event)).content
    assert b"room-42" not in login(leader_b).get(url(event)).content


def test_it_shows_the_waiting_list_position(login, leader_a, leader_b, event):
    Registration.objects.create(event=event, person=leader_b, status="waitlisted")
    Registration.objects.create(event=event, person=leader_a, status="waitlisted")
    from django.utils import timezone

    Registration.objects.update(waitlisted_at=timezone.now())
    response = login(leader_a).get(url(event))
    assert response.context["waitlist_position"] == 2


def test_it_lets_anonymous_people_read_a_public_event(client, world):
    public = EventFactory(
        format=FormatFactory(network=world.network), audience=Event.Audience.PUBLIC
    )
    response = client.get(url(public))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert f"/events/{public.pk}/register/".encode() not in response.content


def test_it_redirects_anonymous_to_login_for_a_network_event(client, event):
    response = client.get(url(event))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("persona", ["leader_a", "coordinator", "authority_staff"])
def test_it_answers_404_outside_the_scope(login, request, other_event, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(other_event)).status_code == 404


def test_it_answers_404_for_a_draft_to_members(login, leader_a, fmt):
    draft = EventFactory(format=fmt, status=Event.Status.DRAFT)
    assert login(leader_a).get(url(draft)).status_code == 404


def test_it_shows_coordinators_the_coordinate_panel_and_not_members(
    login, coordinator, leader_a, event
):
    assert b"Coordinate" in login(coordinator).get(url(event)).content
    assert b"Coordinate" not in login(leader_a).get(url(event)).content


def test_it_rejects_post(login, leader_a, event):
    assert login(leader_a).post(url(event)).status_code == 405


@pytest.mark.parametrize("count", [1, 30])
def test_its_query_count_is_constant(
    login, coordinator, leader_a, event, django_assert_num_queries, count
):
    workshop = AgendaItemFactory(event=event, capacity=50)
    AgendaItemFactory(event=event)
    for _ in range(count):
        registration = Registration.objects.create(
            event=event, person=UserFactory(), status="confirmed"
        )
        registration.workshops.add(workshop)
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    client = login(leader_a)
    client.get(url(event))
    # Session user, roles; one's ids (EventScope, one statement: registrations, schools'
    # networks, invitations); one's registration, and its workshops (the agenda has
    # some); the school's people. The event with its agenda, minutes and files
    # (selectors.EventPage) and the facts (agenda, speakers, seats) come from the cache.
    with django_assert_num_queries(6):
        assert client.get(url(event)).status_code == 200


def test_one_who_is_not_registered_costs_no_registration_query(
    login, leader_a, event, django_assert_num_queries
):
    client = login(leader_a)
    client.get(url(event))
    # Session user, roles, one's ids (no registration for this event among them), the
    # school's people for the form.
    with django_assert_num_queries(4):
        response = client.get(url(event))
    assert response.context["registration"] is None
    assert "Register" in response.content.decode()


def test_a_new_colleague_is_offered_at_once(login, leader_a, world, event):
    from qnet.models import Role
    from qnet.tests.factories import MembershipFactory

    client = login(leader_a)
    assert b"Nora Neu" not in client.get(url(event)).content
    MembershipFactory(role=Role.SCHOOL_STAFF, school=world.school_a, user__full_name="Nora Neu")
    assert b"Nora Neu" in client.get(url(event)).content


def test_the_leader_is_offered_as_myself_not_among_the_colleagues(login, leader_a, staff_a, event):
    form = login(leader_a).get(url(event)).context["form"]
    labels = [label for _pk, label in form.fields["person"].choices]
    assert labels == ["Myself", str(staff_a)]


def test_a_taken_workshop_seat_shows_at_once(login, leader_a, leader_b, event):
    workshop = AgendaItemFactory(event=event, title="Peer observation", capacity=1)
    client = login(leader_a)
    first = client.get(url(event)).context["form"].fields["workshops"].choices
    registration = Registration.objects.create(event=event, person=leader_b, status="confirmed")
    registration.workshops.add(workshop)
    second = client.get(url(event)).context["form"].fields["workshops"].choices
    assert first != second


@pytest.mark.parametrize(
    ("starts", "ends"),
    [("2000-01-01T00:00", "2000-01-01T02:00"), ("2100-12-31T21:59", "2100-12-31T23:59")],
)
def test_an_event_at_the_edge_of_the_calendars_years_shows_all_its_pages(
    login, coordinator, leader_a, fmt, starts, ends
):
    """The first and last minutes events may have (qnet.bounds), stored through the form:
    every page of the event and the lists around it still work."""
    client = login(coordinator)
    client.post(
        f"/events/new/?format={fmt.pk}",
        {"title": "Edge", "starts_at": starts, "ends_at": ends, "audience": "network"},
    )
    event = Event.objects.get()
    services.event_publish(actor=coordinator, event=event)
    AgendaItemFactory(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
    pages = ["", "calendar.ics", "edit/", "copy/", "agenda/", "participants/", "minutes/"]
    for page in pages:
        assert client.get(f"{url(event)}{page}").status_code == 200, page
    assert client.get("/events/month/", {"month": starts[:7]}).status_code == 200
    assert login(leader_a).get(url(event)).status_code == 200
    assert login(leader_a).get("/events/").status_code == 200
