import pytest

from selfassessment.models import Measure, Result
from selfassessment.tests.conftest import add_results

pytestmark = pytest.mark.django_db


def url(school):
    return f"/self-assessment/results/school/{school.pk}/"


def test_it_shows_the_leader_her_results_next_to_the_average_with_a_chart(
    login, leader_a, world, results
):
    response = login(leader_a).get(url(world.school_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Reading grade 5" in content
    assert "44.0" in content  # her 2025 reading result
    assert "48.5" in content  # the average of 44 and 53
    assert '<svg role="img"' in content and "<desc" in content
    assert "style=" not in content
    assert "/edit/" not in content


def _row(content: str, measure_name: str) -> str:
    start = content.index(f'<th scope="row">{measure_name}')
    return content[start : content.index("</tr>", start)]


def test_it_suppresses_a_small_group_and_every_average_it_is_part_of(
    login, leader_a, world, results
):
    Result.objects.filter(school=world.school_b, measure=results.reading, year=2025).update(n=3)
    content = login(leader_a).get(url(world.school_a)).content.decode()
    row = _row(content, results.reading.name)
    # 2024: her 47.0 and the average 49.0; 2025: her 44.0, the average withheld.
    assert "49.0" in row and "44.0" in row and "48.5" not in row
    assert "Group too small to show" in content


def test_it_suppresses_the_schools_own_small_group(login, leader_a, world, results):
    Result.objects.filter(school=world.school_a, measure=results.reading, year=2024).update(n=2)
    content = login(leader_a).get(url(world.school_a)).content.decode()
    assert "47.0" not in _row(content, results.reading.name)


def test_it_lets_authority_staff_edit_results_in_a_mode_of_their_own(
    login, authority_staff, world, results
):
    client = login(authority_staff)
    response = client.get(url(world.school_b))
    assert response.status_code == 200
    assert b"/edit/" not in response.content and b"?mode=edit" in response.content
    editing = client.get(url(world.school_b) + "?mode=edit").content.decode()
    result = Result.objects.get(school=world.school_b, measure=results.reading, year=2025)
    assert f"/self-assessment/results/{result.pk}/edit/" in editing
    assert "Done correcting" in editing


def test_the_edit_mode_is_the_plain_page_for_those_who_may_not_edit(
    login, leader_a, world, results
):
    content = login(leader_a).get(url(world.school_a) + "?mode=edit").content.decode()
    assert "/edit/" not in content and "Correct figures" not in content


def test_the_page_seen_by_staff_first_has_no_edit_links_for_the_school(
    login, authority_staff, leader_a, world, results
):
    login(authority_staff).get(url(world.school_a) + "?mode=edit")
    login(authority_staff).get(url(world.school_a))
    assert "/edit/" not in login(leader_a).get(url(world.school_a)).content.decode()


def test_staff_read_their_schools_results(login, staff_a, world, results):
    assert login(staff_a).get(url(world.school_a)).status_code == 200


def test_it_forbids_the_coordinator_who_sees_the_school_but_not_its_results(
    login, coordinator, world, results
):
    assert login(coordinator).get(url(world.school_a)).status_code == 403


@pytest.mark.parametrize(
    ("persona", "school"),
    [
        ("leader_b", "school_a"),
        ("staff_a", "school_b"),
        ("other_authority_staff", "school_a"),
        ("authority_staff", "school_other"),
        ("facilitator", "school_a"),
    ],
)
def test_it_answers_404_outside_the_scope(login, world, request, results, persona, school):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(getattr(world, school))).status_code == 404


def test_it_redirects_anonymous_to_login(client, world):
    assert client.get(url(world.school_a)).status_code == 302


def test_it_rejects_post(login, leader_a, world):
    assert login(leader_a).post(url(world.school_a)).status_code == 405


@pytest.mark.parametrize("extra", [0, 8])
def test_its_query_count_is_constant(
    login, leader_a, world, results, django_assert_num_queries, extra
):
    for index in range(extra):
        measure = Measure.objects.create(
            authority=world.authority, code=f"m{index}", name=f"Measure {index}", threshold=5
        )
        add_results(world.school_a, measure, [4, 5, 6, 7])
        add_results(world.school_b, measure, [5, 5, 5, 5])
    client = login(leader_a)
    with django_assert_num_queries(6):
        assert client.get(url(world.school_a)).status_code == 200
