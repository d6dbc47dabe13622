import pytest

from events import services
from events.tests.test_services_polls import options
from qnet.models import Role
from qnet.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(coordinator, fmt):
    return services.date_poll_create(
        actor=coordinator, format=fmt, title="Extra meeting", options=options(3)
    )


def url(poll):
    return f"/events/polls/{poll.pk}/"


def test_it_shows_the_matrix_and_the_answer_form(login, leader_a, leader_b, poll):
    first = poll.options.first()
    services.date_poll_vote(actor=leader_b, poll=poll, answers={first.pk: "maybe"})
    response = login(leader_a).get(url(poll))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bram de Boer" in content and "If need be" in content
    assert "Save my answer" in content
    assert "Close the poll" not in content


def test_coordinators_see_the_close_form(login, coordinator, poll):
    assert b"Close the poll and fix the date" in login(coordinator).get(url(poll)).content


def test_it_answers_404_outside_the_scope(login, outsider, poll):
    assert login(outsider).get(url(poll)).status_code == 404


def test_it_redirects_anonymous_to_login(client, poll):
    assert client.get(url(poll)).status_code == 302


def test_it_rejects_post(login, leader_a, poll):
    assert login(leader_a).post(url(poll)).status_code == 405


@pytest.mark.parametrize("voters", [1, 20])
def test_its_query_count_is_constant(
    login, leader_a, poll, world, django_assert_num_queries, voters
):
    option_ids = list(poll.options.values_list("pk", flat=True))
    for _ in range(voters):
        person = UserFactory()
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=world.school_b)
        services.date_poll_vote(actor=person, poll=poll, answers=dict.fromkeys(option_ids, "yes"))
    client = login(leader_a)
    with django_assert_num_queries(7):
        assert client.get(url(poll)).status_code == 200
