import pytest

from coalitions.tests.factories import PostFactory, ThreadFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(coalition, staff_a):
    return PostFactory(thread=ThreadFactory(coalition=coalition), author=staff_a, body="Oops")


def url(post):
    return f"/coalitions/{post.thread.coalition_id}/posts/{post.pk}/delete/"


def test_the_author_deletes_softly_and_it_is_audited(login, staff_a, post):
    response = login(staff_a).post(url(post))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_deleted and post.body == ""
    assert AuditEntry.objects.filter(action="coalition.post_delete", object_id=str(post.pk))


def test_a_lead_may_delete_a_members_post(login, leader_b, post):
    assert login(leader_b).post(url(post)).status_code == 302
    post.refresh_from_db()
    assert post.is_deleted


def test_it_redirects_anonymous_to_login(client, post):
    assert client.post(url(post)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, post):
    assert login(outsider).post(url(post)).status_code == 404


def test_it_forbids_a_reader(login, leader_a, post):
    assert login(leader_a).post(url(post)).status_code == 403
    post.refresh_from_db()
    assert not post.is_deleted


def test_it_rejects_get(login, staff_a, post):
    assert login(staff_a).get(url(post)).status_code == 405
