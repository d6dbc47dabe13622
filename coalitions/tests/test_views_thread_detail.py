import pytest

from coalitions.models import CoalitionMember, Post
from coalitions.tests.factories import CoalitionMemberFactory, PostFactory, ThreadFactory
from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(coalition, leader_b):
    thread = ThreadFactory(coalition=coalition, title="Which figures?", created_by=leader_b)
    PostFactory(thread=thread, author=leader_b, body="Weekly totals per class?")
    return thread


def url(thread):
    return f"/coalitions/{thread.coalition_id}/discussion/{thread.pk}/"


def test_it_shows_the_posts_and_a_reply_form(login, staff_a, thread):
    response = login(staff_a).get(url(thread))
    assert response.status_code == 200
    assert b"Weekly totals per class?" in response.content
    assert b"Post reply" in response.content


def test_a_member_replies(login, staff_a, thread):
    response = login(staff_a).post(url(thread), {"body": "Yes, we can share them."})
    assert response.status_code == 302
    assert thread.posts.filter(author=staff_a, body="Yes, we can share them.").exists()


def test_a_script_in_a_post_never_reaches_the_page(login, staff_a, thread):
    client = login(staff_a)
    client.post(url(thread), {"body": "Hi <script>alert('x')</script> [a](javascript:alert(1))"})
    content = client.get(url(thread)).content.decode()
    assert "<script>alert" not in content
    assert "javascript:" not in content
    assert "Hi" in content


def test_a_reply_mails_members_who_want_each_post(login, staff_a, leader_b, thread, coalition):
    CoalitionMember.objects.filter(person=leader_b).update(notify="each_post")
    CoalitionMemberFactory(coalition=coalition, notify="digest")
    login(staff_a).post(url(thread), {"body": "Reply"})
    messages = OutboxMessage.objects.all()
    assert [m.to for m in messages] == [leader_b.email]
    assert "Which figures?" in messages[0].subject


def test_a_critical_friend_reads_but_cannot_post(login, thread, coalition, world):
    friend = CoalitionMemberFactory(
        coalition=coalition, role=CoalitionMember.Role.CRITICAL_FRIEND, school=world.school_a
    ).person
    client = login(friend)
    response = client.get(url(thread))
    assert response.status_code == 200
    assert b"Post reply" not in response.content
    assert client.post(url(thread), {"body": "May I?"}).status_code == 403
    assert thread.posts.count() == 1


def test_it_redirects_anonymous_to_login(client, thread):
    assert client.get(url(thread)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, thread):
    assert login(outsider).get(url(thread)).status_code == 404


def test_it_answers_404_for_a_thread_of_another_coalition(login, staff_a, thread, project):
    assert (
        login(staff_a).get(f"/coalitions/{project.pk}/discussion/{thread.pk}/").status_code == 404
    )


def test_it_rejects_put(login, staff_a, thread):
    assert login(staff_a).put(url(thread)).status_code == 405


def test_it_shows_a_deleted_post_as_deleted(login, staff_a, thread):
    from django.utils import timezone

    Post.objects.filter(thread=thread).update(deleted_at=timezone.now(), body="", body_html="")
    assert b"This post was deleted." in login(staff_a).get(url(thread)).content


@pytest.mark.parametrize("extra", [1, 25])
def test_its_query_count_is_constant(login, staff_a, thread, django_assert_num_queries, extra):
    PostFactory.create_batch(extra, thread=thread)
    client = login(staff_a)
    with django_assert_num_queries(8):
        assert client.get(url(thread)).status_code == 200
