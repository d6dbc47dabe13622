import pytest

from coalitions.tests.factories import PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(coalition, staff_a):
    return PostFactory(thread=ThreadFactory(coalition=coalition), author=staff_a, body="Draft")


def url(post):
    return f"/coalitions/{post.thread.coalition_id}/posts/{post.pk}/edit/"


def test_the_author_edits_her_post(login, staff_a, post):
    client = login(staff_a)
    assert client.get(url(post)).status_code == 200
    response = client.post(url(post), {"body": "Final *text*"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_html == "<p>Final <em>text</em></p>"
    assert post.edited_at is not None


def test_it_redirects_anonymous_to_login(client, post):
    assert client.get(url(post)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, post):
    assert login(outsider).get(url(post)).status_code == 404


def test_it_forbids_someone_elses_post(login, leader_b, post):
    assert login(leader_b).post(url(post), {"body": "Hijack"}).status_code == 403
    post.refresh_from_db()
    assert post.body == "Draft"


def test_it_rejects_put(login, staff_a, post):
    assert login(staff_a).put(url(post)).status_code == 405
