import pytest

from coalitions.models import Coalition, Post, Thread

pytestmark = pytest.mark.django_db


def url(coalition):
    return f"/coalitions/{coalition.pk}/discussion/new/"


def test_it_starts_a_thread_with_a_first_post(login, staff_a, coalition):
    response = login(staff_a).post(url(coalition), {"title": "Figures", "body": "Hello **all**"})
    thread = Thread.objects.get(title="Figures")
    assert response.status_code == 302
    assert response["Location"] == f"/coalitions/{coalition.pk}/discussion/{thread.pk}/"
    assert thread.posts.get().body_html == "<p>Hello <strong>all</strong></p>"


def test_it_shows_the_form(login, staff_a, coalition):
    assert login(staff_a).get(url(coalition)).status_code == 200


def test_it_rerenders_with_errors_and_stores_nothing(login, staff_a, coalition):
    response = login(staff_a).post(url(coalition), {"title": "", "body": ""})
    assert response.status_code == 200
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


@pytest.mark.parametrize("persona", ["leader_a", "authority_staff"])
def test_it_forbids_readers_who_are_not_members(login, request, coalition, persona):
    user = request.getfixturevalue(persona)
    assert login(user).post(url(coalition), {"title": "x", "body": "y"}).status_code == 403
    assert not Thread.objects.exists()


def test_it_forbids_posting_in_a_closed_coalition(login, staff_a, coalition):
    Coalition.objects.filter(pk=coalition.pk).update(status="closed", result_summary="Done")
    assert login(staff_a).get(url(coalition)).status_code == 403


def test_it_rejects_put(login, staff_a, coalition):
    assert login(staff_a).put(url(coalition)).status_code == 405
