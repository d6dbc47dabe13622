from datetime import date

import pytest

from selfassessment import services
from selfassessment.tests.conftest import YEAR, add_indicators, rate_all

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/"


def test_it_gives_the_leader_an_autosaving_form(login, leader_a, draft_a):
    response = login(leader_a).get(url(draft_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'hx-trigger="input changed delay:2s"' in content
    assert f'hx-post="/self-assessment/{draft_a.pk}/save/"' in content
    assert 'name="version" value="1"' in content
    assert "Reading strategies are taught in every subject." in content
    assert "4 – Embedded and sustained" in content
    assert "<script" not in content.split("</head>")[1]
    assert "style=" not in content


def test_it_shows_staff_a_read_only_view(login, staff_a, draft_a):
    response = login(staff_a).get(url(draft_a))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert b"not rated" in response.content


def test_it_gives_an_invited_colleague_the_form(login, staff_a, draft_a):
    draft_a.editors.add(staff_a)
    response = login(staff_a).get(url(draft_a))
    assert response.context["form"] is not None


def test_it_shows_authority_staff_a_submitted_one_with_the_review_forms(
    login, authority_staff, submitted_b
):
    response = login(authority_staff).get(url(submitted_b))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert b"Return for revision" in response.content
    assert b"Plan the dialogue meeting" in response.content


def test_it_shows_the_leader_her_submitted_one_read_only(login, leader_b, submitted_b):
    response = login(leader_b).get(url(submitted_b))
    assert response.context["form"] is None
    assert b"read-only until the authority returns it" in response.content
    assert b"Return for revision" not in response.content


def test_it_hides_a_draft_from_the_authority(login, authority_staff, draft_a):
    assert login(authority_staff).get(url(draft_a)).status_code == 404


@pytest.mark.parametrize(
    "persona", ["leader_b", "coordinator", "facilitator", "other_authority_staff", "outsider"]
)
def test_it_answers_404_outside_the_scope(login, request, draft_a, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(url(draft_a)).status_code == 404


def test_it_redirects_anonymous_to_login(client, draft_a):
    assert client.get(url(draft_a)).status_code == 302


def test_it_rejects_post(login, leader_a, draft_a):
    assert login(leader_a).post(url(draft_a)).status_code == 405


@pytest.mark.parametrize("extra", [0, 15])
def test_the_form_query_count_is_constant(
    login, leader_a, world, plan, authority_staff, django_assert_num_queries, extra
):
    add_indicators(plan, extra, measures=list(world.authority.measures.all()))
    cycle = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 1),
        due_on=date(YEAR, 6, 1),
        schools=[world.school_a],
    )
    assessment = cycle.assessments.get()
    client = login(leader_a)
    with django_assert_num_queries(12):
        assert client.get(url(assessment)).status_code == 200


@pytest.mark.parametrize("extra", [0, 15])
def test_the_review_query_count_is_constant(
    login, authority_staff, world, plan, leader_a, django_assert_num_queries, extra
):
    add_indicators(plan, extra)
    cycle = services.cycle_open(
        actor=authority_staff,
        plan=plan,
        year=YEAR,
        opens_on=date(YEAR, 1, 1),
        due_on=date(YEAR, 6, 1),
        schools=[world.school_a],
    )
    assessment = cycle.assessments.get()
    rate_all(assessment, leader_a)
    services.assessment_submit(actor=leader_a, assessment=assessment, version=assessment.version)
    client = login(authority_staff)
    with django_assert_num_queries(12):
        assert client.get(url(assessment)).status_code == 200
