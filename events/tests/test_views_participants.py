import csv
import io

import pytest

from events.models import Registration
from events.tests.factories import AgendaItemFactory
from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/participants/"


def test_it_lists_the_participants_for_the_coordinator(login, coordinator, leader_a, event, world):
    Registration.objects.create(
        event=event,
        person=leader_a,
        school=world.school_a,
        status="confirmed",
        dietary_notes="vegan",
    )
    response = login(coordinator).get(url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lea Albers" in content and "vegan" in content and "School leader" in content


def test_the_csv_neutralises_formulas(login, coordinator, event, world):
    workshop = AgendaItemFactory(event=event, title="Peer observation")
    person = UserFactory(full_name='=HYPERLINK("http://evil")', email="evil@example.org")
    MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
    registration = Registration.objects.create(
        event=event,
        person=person,
        school=world.school_a,
        status="confirmed",
        notes="+1 guest",
        dietary_notes="-none",
        accessibility_notes="@wheelchair",
    )
    registration.workshops.add(workshop)
    response = login(coordinator).get(url(event), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "School"]
    row = rows[1]
    assert row[0] == '\'=HYPERLINK("http://evil")'
    assert row[3] == "School staff"
    assert row[5] == "Peer observation"
    assert row[6:9] == ["'+1 guest", "'-none", "'@wheelchair"]


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "authority_staff"])
def test_members_may_not_see_it(login, request, event, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(event)).status_code == 403
    assert login(user).get(url(event), {"format": "csv"}).status_code == 403


def test_it_redirects_anonymous_to_login(client, event):
    assert client.get(url(event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_post(login, coordinator, event):
    assert login(coordinator).post(url(event)).status_code == 405


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize("as_csv", [False, True])
def test_its_query_count_is_constant(
    login, coordinator, event, world, django_assert_num_queries, count, as_csv
):
    workshop = AgendaItemFactory(event=event)
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
        registration = Registration.objects.create(
            event=event, person=person, school=world.school_a, status="confirmed"
        )
        registration.workshops.add(workshop)
    client = login(coordinator)
    # The page counts its rows once for the pagination and asks once for the schools
    # without an answer; on a first visit it reads the event's page data too (agenda,
    # minutes, files: selectors.EventPage, kept for the event's page as well). The CSV
    # holds everyone unpaged.
    with django_assert_num_queries(7 if as_csv else 13):
        response = client.get(url(event), {"format": "csv"} if as_csv else {})
    assert response.status_code == 200


def test_a_long_list_is_paged_and_the_csv_holds_everyone(login, coordinator, event, world):
    for _ in range(55):
        person = UserFactory()
        Registration.objects.create(
            event=event, person=person, school=world.school_a, status="confirmed"
        )
    client = login(coordinator)
    first = client.get(url(event)).content.decode()
    second = client.get(url(event), {"page": 2}).content.decode()
    assert first.count("<tr>") - 1 == 50 and second.count("<tr>") - 1 == 5
    assert "Page 1 of 2" in first
    rows = client.get(url(event), {"format": "csv"}).content.decode().strip().splitlines()
    assert len(rows) == 1 + 55


@pytest.fixture
def anonymised(leader_a, past_event, world, anonymise_after_retention):
    """Lea's registration for the past meeting, with notes, after the retention run."""
    Registration.objects.create(
        event=past_event,
        person=leader_a,
        school=world.school_a,
        status="confirmed",
        notes="Bringing a colleague",
        dietary_notes="vegan",
        attendance="present",
    )
    assert anonymise_after_retention(past_event) == 1


def test_it_shows_an_anonymised_registration_without_a_name(
    login, coordinator, leader_a, past_event, anonymised
):
    response = login(coordinator).get(url(past_event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Anonymised participant" in content and "School A" in content
    assert "Lea Albers" not in content and leader_a.email not in content
    assert "Bringing a colleague" not in content and "vegan" not in content
    assert "Present" in content


def test_the_csv_of_an_anonymised_registration_keeps_school_and_attendance(
    login, coordinator, past_event, anonymised
):
    response = login(coordinator).get(url(past_event), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == [
        "Anonymised participant",
        "",
        "School A",
        "",
        "Confirmed",
        "",
        "",
        "",
        "",
        "",
        "Present",
    ]


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize("as_csv", [False, True])
def test_its_query_count_is_constant_with_anonymised_registrations(
    login,
    coordinator,
    past_event,
    world,
    django_assert_num_queries,
    count,
    as_csv,
    anonymise_after_retention,
):
    workshop = AgendaItemFactory(event=past_event)
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_a)
        registration = Registration.objects.create(
            event=past_event, person=person, school=world.school_a, status="confirmed"
        )
        registration.workshops.add(workshop)
    assert anonymise_after_retention(past_event) == count
    # One named person beside them, added after the run, so both kinds are on the page.
    Registration.objects.create(
        event=past_event, person=UserFactory(), school=world.school_b, status="confirmed"
    )
    client = login(coordinator)
    # The page counts its rows once for the pagination and asks once for the schools
    # without an answer; on a first visit it reads the event's page data too (agenda,
    # minutes, files: selectors.EventPage, kept for the event's page as well). The CSV
    # holds everyone unpaged.
    with django_assert_num_queries(7 if as_csv else 13):
        response = client.get(url(past_event), {"format": "csv"} if as_csv else {})
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").count("Anonymised participant") == count


# --- schools of the audience without an answer ----------------------------------------------


def missing_section(response) -> str:
    content = response.content.decode()
    return content[content.index('id="missing-schools"') :]


def test_it_lists_the_schools_that_have_not_registered(login, coordinator, leader_a, event, world):
    Registration.objects.create(
        event=event, person=leader_a, school=world.school_a, status="confirmed"
    )
    section = missing_section(login(coordinator).get(url(event)))
    assert "1 of 2 schools have answered; 1 not yet." in section
    assert "School B" in section and "School A" not in section
    assert world.school_other.name not in section


def test_an_apology_or_a_waiting_list_place_counts_as_an_answer(
    login, coordinator, leader_a, leader_b, event, world
):
    Registration.objects.create(
        event=event, person=leader_a, school=world.school_a, status="waitlisted"
    )
    Registration.objects.create(
        event=event, person=leader_b, school=world.school_b, status="excused"
    )
    section = missing_section(login(coordinator).get(url(event)))
    assert "Every school of the audience has answered." in section


def test_a_cancelled_registration_is_no_answer(login, coordinator, leader_a, event, world):
    Registration.objects.create(
        event=event, person=leader_a, school=world.school_a, status="cancelled"
    )
    section = missing_section(login(coordinator).get(url(event)))
    assert "School A" in section and "School B" in section


def test_for_invited_schools_only_those_count(login, coordinator, event, world):
    event.audience = "invited"
    event.save()
    event.invited_schools.set([world.school_b])
    section = missing_section(login(coordinator).get(url(event)))
    assert "0 of 1 school has answered; 1 not yet." in section
    assert "School B" in section and "School A" not in section


def test_a_school_that_left_the_network_is_not_missed(login, coordinator, event, world):
    from datetime import timedelta

    from django.utils import timezone

    from qnet.models import NetworkMembership

    today = timezone.localdate()
    NetworkMembership.objects.filter(school=world.school_b).update(
        since=today - timedelta(days=30), until=today - timedelta(days=1)
    )
    section = missing_section(login(coordinator).get(url(event)))
    assert "School B" not in section and "School A" in section


def test_a_new_registration_updates_the_list_at_once(login, coordinator, leader_b, event, world):
    client = login(coordinator)
    assert "School B" in missing_section(client.get(url(event)))
    Registration.objects.create(
        event=event, person=leader_b, school=world.school_b, status="confirmed"
    )
    assert "School B" not in missing_section(client.get(url(event)))


@pytest.mark.parametrize("schools", [2, 40])
def test_the_missing_schools_cost_one_query_however_many_schools(
    login, coordinator, event, world, django_assert_num_queries, schools
):
    from qnet.tests.factories import NetworkMembershipFactory, SchoolFactory

    for index in range(schools):
        school = SchoolFactory(authority=world.authority, name=f"Extra school {index:02}")
        NetworkMembershipFactory(network=world.network, school=school)
        if index % 2:
            Registration.objects.create(
                event=event, person=UserFactory(), school=school, status="confirmed"
            )
    client = login(coordinator)
    with django_assert_num_queries(13):
        response = client.get(url(event))
    assert f"{schools // 2} of {schools + 2} schools have answered" in response.content.decode()


def test_a_second_visit_takes_the_list_from_the_cache(
    login, coordinator, event, django_assert_num_queries
):
    from qnet import caching

    client = login(coordinator)
    client.get(url(event))
    # Session user, roles: the event and the people are kept for everyone who runs it.
    with django_assert_num_queries(2):
        assert client.get(url(event)).status_code == 200
    assert caching.stats()["participants"].hit == 1


def test_a_new_registration_shows_at_once(login, coordinator, leader_b, event):
    client = login(coordinator)
    client.get(url(event))
    Registration.objects.create(event=event, person=leader_b, status="confirmed")
    assert str(leader_b) in client.get(url(event)).content.decode()
