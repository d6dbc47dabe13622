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
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


# One agreement at least: with none, the query of their pending proposals is not needed.
@pytest.mark.parametrize("extra", [1, 12])
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
    with django_assert_num_queries(5):
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
    # The 55 schools of the cycle and School A and B, which are not part of it.
    assert second.count('<th scope="row">') == 7


# --- the overview of every school, by state -----------------------------------


def _overview(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200
    return response


def test_the_overview_lists_every_school_of_the_authority_with_its_state(
    login, authority_staff, world, cycle, draft_a, submitted_b
):
    outside = SchoolFactory(authority=world.authority, name="School Outside")
    response = _overview(login(authority_staff))
    states = {row.school.pk: row.state for row in response.context["rows"]}
    assert states == {
        world.school_a.pk: "not_started",
        world.school_b.pk: "submitted",
        outside.pk: "not_started",
    }
    content = response.content.decode()
    assert "not part of this cycle" in content
    # Awaiting review links straight to the self-assessment.
    assert (
        f'<a class="badge qnet-status qnet-status-submitted" '
        f'href="/self-assessment/{submitted_b.pk}/">Awaiting review'
    ) in content


def test_a_saved_draft_counts_as_in_progress(login, authority_staff, leader_a, draft_a):
    services.assessment_save_draft(
        actor=leader_a,
        assessment=draft_a,
        version=draft_a.version,
        entries={draft_a.ratings.first().indicator_id: {"level": 2}},
    )
    rows = _overview(login(authority_staff)).context["rows"]
    assert {row.school.name: row.state for row in rows}["School A"] == "in_progress"


def test_the_overview_filters_by_state_without_javascript(
    login, authority_staff, world, cycle, draft_a, submitted_b
):
    SchoolFactory(authority=world.authority, name="School Outside")
    client = login(authority_staff)
    response = _overview(client, cycle=cycle.pk, state="not_started")
    assert [row.school.name for row in response.context["rows"]] == ["School A", "School Outside"]
    assert f'href="?cycle={cycle.pk}&amp;state=submitted"' in response.content.decode()
    response = _overview(client, cycle=cycle.pk, state="submitted")
    assert [row.school.name for row in response.context["rows"]] == ["School B"]
    response = _overview(client, cycle=cycle.pk, state="accepted")
    assert b"No school is in this state." in response.content


def test_an_unknown_state_shows_every_school(login, authority_staff, cycle, draft_a, submitted_b):
    response = _overview(login(authority_staff), state="<script>")
    assert len(response.context["rows"]) == 2
    assert b"&lt;script&gt;" not in response.content


@pytest.mark.parametrize("extra", [0, 12])
def test_the_overview_query_count_is_constant_with_schools_that_never_started(
    login, authority_staff, world, plan, django_assert_num_queries, extra
):
    in_cycle = [SchoolFactory(authority=world.authority) for _ in range(extra)]
    for _ in range(extra):
        SchoolFactory(authority=world.authority)
    services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 1),
        due_on=date(YEAR, 6, 1),
        schools=[world.school_a, *in_cycle],
    )
    client = login(authority_staff)
    with django_assert_num_queries(6):
        response = client.get(URL, {"state": "not_started"})
    assert len(response.context["rows"]) == 2 + 2 * extra
