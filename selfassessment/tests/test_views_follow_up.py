from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from qnet.tests.factories import SchoolFactory
from selfassessment import services
from selfassessment.models import Result
from selfassessment.tests.conftest import YEAR, add_results

pytestmark = pytest.mark.django_db

URL = "/self-assessment/follow-up/"


def test_it_flags_a_school_weak_in_two_of_the_last_three_years(
    login, authority_staff, world, results, agreement_b
):
    response = login(authority_staff).get(URL)
    assert response.status_code == 200
    flagged = response.context["flagged"]
    assert [(item.school, item.measure) for item in flagged] == [(world.school_a, results.reading)]
    assert response.context["years"] == [2023, 2024, 2025]
    assert flagged[0].weak_years == 3
    assert b"worsening" in response.content


def test_lower_is_better_measures_flag_results_above_the_threshold(
    login, authority_staff, world, results
):
    Result.objects.filter(
        school=world.school_b, measure=results.bullying, year__in=[2024, 2025]
    ).update(value=Decimal("7.5"))
    response = login(authority_staff).get(URL)
    pairs = {(item.school, item.measure) for item in response.context["flagged"]}
    assert (world.school_b, results.bullying) in pairs
    assert (world.school_a, results.bullying) not in pairs


def test_n_of_m_is_configurable(login, authority_staff, world, results):
    # School A is weak in every year, so it stays flagged even at 3 of 3 ...
    response = login(authority_staff).get(URL, {"n": 3, "m": 3})
    assert [item.school for item in response.context["flagged"]] == [world.school_a]
    # ... and with one year only, the latest one.
    response = login(authority_staff).get(URL, {"n": 1, "m": 1})
    assert response.context["years"] == [2025]


def test_suppressed_results_never_count(login, authority_staff, world, results):
    Result.objects.filter(school=world.school_a, measure=results.reading).update(n=2)
    response = login(authority_staff).get(URL)
    assert response.context["flagged"] == []


def test_it_shows_the_schools_open_agreements(login, authority_staff, world, results, cycle):
    meeting = services.dialogue_meeting_plan(
        actor=authority_staff,
        school=world.school_a,
        cycle=cycle,
        starts_at=datetime(YEAR, 3, 1, 10, tzinfo=ZoneInfo("UTC")),
        place="School A",
    )
    services.agreement_create(
        actor=authority_staff,
        meeting=meeting,
        action="Reading plan",
        owner="Lea",
        due_on=date(YEAR, 9, 1),
    )
    response = login(authority_staff).get(URL)
    assert b"Reading plan" in response.content


def test_it_rerenders_impossible_parameters_with_the_defaults(login, authority_staff, results):
    response = login(authority_staff).get(URL, {"n": 5, "m": 2})
    assert response.status_code == 200
    assert b"N cannot be larger than M." in response.content
    assert (response.context["n"], response.context["m"]) == (2, 3)


def test_it_shows_the_other_authority_nothing_of_ours(login, other_authority_staff, results):
    response = login(other_authority_staff).get(URL)
    assert response.context["flagged"] == []


@pytest.mark.parametrize("persona", ["leader_a", "staff_a", "coordinator", "facilitator"])
def test_it_forbids_everyone_but_authority_staff(login, request, persona):
    assert login(request.getfixturevalue(persona)).get(URL).status_code == 403


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(login, authority_staff):
    assert login(authority_staff).post(URL).status_code == 405


@pytest.mark.parametrize("extra", [0, 10])
def test_its_query_count_is_constant(
    login, authority_staff, world, results, agreement_b, django_assert_num_queries, extra
):
    for _ in range(extra):
        school = SchoolFactory(authority=world.authority)
        add_results(school, results.reading, [40, 41, 42, 43])
    client = login(authority_staff)
    with django_assert_num_queries(9):
        response = client.get(URL)
    assert len(response.context["flagged"]) == 1 + extra


def test_a_long_list_is_paged_and_keeps_n_of_m(login, authority_staff, world, results):
    for _ in range(50):
        add_results(SchoolFactory(authority=world.authority), results.reading, [40, 41, 42, 43])
    client = login(authority_staff)
    first = client.get(URL, {"n": 3, "m": 3})
    assert len(first.context["flagged"]) == 50
    assert b"?n=3&amp;m=3&amp;page=2" in first.content
    second = client.get(URL, {"n": 3, "m": 3, "page": 2})
    assert len(second.context["flagged"]) == 1


def test_a_second_visit_takes_the_list_from_the_cache(
    login, authority_staff, results, django_assert_max_num_queries
):
    client = login(authority_staff)
    first = client.get(URL)
    # User, roles, the TOTP check of authority staff, their authority: not the results.
    with django_assert_max_num_queries(4):
        second = client.get(URL)
    assert second.content.count(b"<tr>") == first.content.count(b"<tr>")


def test_a_corrected_result_shows_at_once_despite_the_cache(login, authority_staff, world, results):
    client = login(authority_staff)
    assert b"School A" in client.get(URL).content
    for result in Result.objects.filter(school=world.school_a, measure=results.reading):
        services.result_update(actor=authority_staff, result=result, value=Decimal("60"), n=30)
    response = client.get(URL)
    assert response.context["flagged"] == []
    assert b"No school needs follow-up on these terms." in response.content
