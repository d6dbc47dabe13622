"""Opening a notice (POST) marks it read and follows its link."""

import pytest

from qnet import notifications
from qnet.models import Notice, NoticeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(leader_a):
    [notice] = notifications.notice_send(
        recipients=[leader_a],
        kind=NoticeKind.JOIN_DECIDED,
        url="/coalitions/7/",
        params={"coalition": "Data", "outcome": "approved"},
    )
    return notice


def url(notice):
    return f"/notices/{notice.pk}/open/"


def test_it_marks_read_and_redirects_to_the_object(login, leader_a, notice):
    response = login(leader_a).post(url(notice))
    assert response.status_code == 302
    assert response["Location"] == "/coalitions/7/"
    assert Notice.objects.get(pk=notice.pk).read_at is not None
    leader_a.refresh_from_db()
    assert leader_a.unread_notices == 0


def test_someone_elses_notice_is_not_found(login, leader_b, notice):
    assert login(leader_b).post(url(notice)).status_code == 404
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_it_never_redirects_off_site(login, leader_a, notice):
    Notice.objects.filter(pk=notice.pk).update(url="//evil.example/")
    response = login(leader_a).post(url(notice))
    assert response["Location"] == "/notices/"


def test_it_rejects_get(login, leader_a, notice):
    assert login(leader_a).get(url(notice)).status_code == 405


def test_it_redirects_anonymous_to_login(client, notice):
    response = client.post(url(notice))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
