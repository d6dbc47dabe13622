from datetime import date

import pytest

from qnet.tests.factories import SchoolFactory
from selfassessment import services
from selfassessment.tests.conftest import YEAR, add_indicators

pytestmark = pytest.mark.django_db

URL = "/self-assessment/"


def test_it_shows_a_leader_her_schools_current_assessment_and_agreements(
    login, leader_a, draft_a, agreement_b
):
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    assert f"/self-assessment/{draft_a.pk}/".encode() in response.content
    assert b"0 of 3 signs rated" in response.content
    # School B's agreement is not hers.
    assert b"Weekly reading sessions" not in response.content


def test_it_shows_a_leader_her_open_agreements(login, leader_b, agreement_b):
    response = login(leader_b).get(URL)
    assert b"Weekly reading sessions" in response.content


def test_it_shows_authority_staff_every_schools_state_but_links_no_draft(
    login, authority_staff, draft_a, submitted_b
):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "School A" in content and "School B" in content
    assert f"/self-assessment/{submitted_b.pk}/" in content
    assert f'href="/self-assessment/{draft_a.pk}/"' not in content


def test_it_lets_authority_staff_pick_an_older_cycle(login, authority_staff, cycle, plan):
    older = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR - 1,
        opens_on=date(YEAR - 1, 1, 1),
        due_on=date(YEAR - 1, 6, 1),
    )
    response = login(authority_staff).get(URL, {"cycle": older.pk})
    assert response.context["cycle"] == older


def test_it_shows_the_other_authority_only_its_own_cycle(
    login, other_authority_staff, other_cycle, cycle
):
    response = login(other_authority_staff).get(URL)
    assert response.context["cycle"] == other_cycle
    assert b"School A" not in response.content


def test_it_tells_a_coordinator_there_is_nothing_for_her(login, coordinator, cycle):
    response = login(coordinator).get(URL)
    assert response.status_code == 200
    assert b"no role at a school" in response.content


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405


@pytest.mark.parametrize("extra", [0, 12])
def test_the_cycle_overview_query_count_is_constant(
    login, authority_staff, world, plan, django_assert_num_queries, extra
):
    schools = [world.school_a, world.school_b] + [
        SchoolFactory(authority=world.authority) for _ in range(extra)
    ]
    add_indicators(plan, extra)
    services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 1),
        due_on=date(YEAR, 6, 1),
        schools=schools,
    )
    client = login(authority_staff)
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_the_school_view_query_count_is_constant(
    login, leader_b, submitted_b, meeting_b, authority_staff, django_assert_num_queries, extra
):
    for index in range(extra):
        services.agreement_create(
            actor=authority_staff,
            meeting=meeting_b,
            action=f"Action {index}",
            owner="Principal",
            due_on=date(YEAR, 12, 1),
        )
    client = login(leader_b)
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


def test_the_overview_of_a_large_authority_is_paged_within_the_cycle(
    login, authority_staff, world, plan
):
    schools = [SchoolFactory(authority=world.authority) for _ in range(55)]
    cycle = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 1),
        due_on=date(YEAR, 6, 1),
        schools=schools,
    )
    client = login(authority_staff)
    first = client.get(URL).content.decode()
    assert first.count('<th scope="row">') == 50
    assert f"?cycle={cycle.pk}&amp;page=2" in first
    second = client.get(URL, {"cycle": cycle.pk, "page": 2}).content.decode()
    assert second.count('<th scope="row">') == 5
