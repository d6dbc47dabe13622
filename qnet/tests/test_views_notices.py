"""The list of a person's notices, and the unread count in the navbar."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qnet import notifications
from qnet.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db
URL = "/notices/"


def notify(user, count=1, title="Forum 2026"):
    for n in range(count):
        notifications.notice_send(
            recipients=[user],
            kind=NoticeKind.EVENT_PUBLISHED,
            url=f"/events/{n + 1}/",
            params={"title": f"{title} {n}", "starts_at": "2026-03-05T09:00:00+01:00"},
        )


def test_it_lists_the_persons_notices_newest_first_with_unread_highlighted(login, leader_a):
    notify(leader_a, 2)
    first = Notice.objects.order_by("pk").first()
    notifications.notice_open(user=leader_a, notice=first)
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    notices = list(response.context["page"].object_list)
    assert [notice.params["title"] for notice in notices] == ["Forum 2026 1", "Forum 2026 0"]
    html = response.content.decode()
    assert html.count("qnet-notice-unread") == 1
    assert ": Forum 2026 1</span>" in html
    assert f'action="/notices/{notices[0].pk}/open/"' in html


def test_it_shows_nobody_elses_notices(login, leader_a, leader_b):
    notify(leader_b, 1, title="For B only")
    response = login(leader_a).get(URL)
    assert b"For B only" not in response.content
    assert b"No notices yet" in response.content


def test_it_words_notices_in_the_readers_language(login, leader_a):
    notify(leader_a)
    client = login(leader_a)
    client.cookies["django_language"] = "de"
    assert "Neue Veranstaltung am 5. März 2026" in client.get(URL).content.decode()


def test_it_pages_long_lists(login, leader_a):
    notify(leader_a, 30)
    client = login(leader_a)
    assert len(client.get(URL).context["page"].object_list) == 25
    assert len(client.get(URL + "?page=2").context["page"].object_list) == 5


def test_the_navbar_shows_the_unread_count_everywhere(login, leader_a):
    notify(leader_a, 3)
    html = login(leader_a).get("/profile/").content.decode()
    assert '3<span class="visually-hidden"> unread</span>' in html


def test_the_navbar_shows_no_count_when_all_is_read(login, leader_a):
    notify(leader_a, 1)
    notifications.notices_mark_all_read(user=leader_a)
    assert b'visually-hidden"> unread' not in login(leader_a).get("/profile/").content


def test_the_navbar_count_costs_no_query_on_the_dashboard(login, leader_a):
    """The count comes with the user row every page loads: the dashboard makes the same
    queries with none, a few or many unread notices."""
    client = login(leader_a)
    client.get("/")
    with CaptureQueriesContext(connection) as without:
        client.get("/")
    notify(leader_a, 40)
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert b'40<span class="visually-hidden"> unread</span>' in response.content
    assert len(many) == len(without)
    assert not any("qnet_notice" in query["sql"] for query in many.captured_queries)


@pytest.mark.parametrize("extra", [1, 40])
def test_its_query_count_is_constant(login, leader_a, django_assert_num_queries, extra):
    notify(leader_a, extra)
    client = login(leader_a)
    # Session, user, the count and the page of notices.
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


def test_it_redirects_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_post(login, leader_a):
    assert login(leader_a).post(URL).status_code == 405
