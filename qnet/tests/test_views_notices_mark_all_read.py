"""Marking all of one's notices read (POST)."""

import pytest

from qnet import notifications
from qnet.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db
URL = "/notices/read-all/"


def notify(*people):
    notifications.notice_send(
        recipients=people,
        kind=NoticeKind.REPORT_PUBLISHED,
        url="/reports/1/",
        params={"authority": "Demo authority", "year": 2026},
    )


def test_it_marks_only_the_persons_notices_read(login, leader_a, leader_b):
    notify(leader_a, leader_b)
    notify(leader_a)
    response = login(leader_a).post(URL, follow=True)
    assert response.redirect_chain == [("/notices/", 302)]
    assert b"All notices are marked as read." in response.content
    assert not Notice.objects.filter(recipient=leader_a, read_at__isnull=True).exists()
    assert Notice.objects.get(recipient=leader_b).read_at is None
    assert b"qnet-notice-unread" not in response.content


def test_it_rejects_get(login, leader_a):
    assert login(leader_a).get(URL).status_code == 405


def test_it_redirects_anonymous_to_login(client):
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
