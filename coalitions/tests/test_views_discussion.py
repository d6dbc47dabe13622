import pytest

from coalitions.tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/discussion/"


def test_it_lists_threads(login, staff_a, coalition):
    ThreadFactory(coalition=coalition, title="Which figures?")
    response = login(staff_a).get(url(coalition))
    assert response.status_code == 200
    assert b"Which figures?" in response.content
    assert b"New thread" in response.content


def test_it_hides_the_new_thread_button_from_readers(login, leader_a, coalition):
    assert b"New thread" not in login(leader_a).get(url(coalition)).content


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


def test_it_answers_404_for_a_closed_learning_network(login, leader_b, learning_network):
    assert login(leader_b).get(url(learning_network.coalition)).status_code == 404


def test_it_rejects_post(login, staff_a, coalition):
    assert login(staff_a).post(url(coalition)).status_code == 405


@pytest.mark.parametrize("extra", [1, 25])
def test_its_query_count_is_constant(login, staff_a, coalition, django_assert_num_queries, extra):
    for _ in range(extra):
        PostFactory.create_batch(2, thread=ThreadFactory(coalition=coalition))
    client = login(staff_a)
    with django_assert_num_queries(7):
        assert client.get(url(coalition)).status_code == 200
