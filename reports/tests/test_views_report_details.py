from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:details", args=[report.pk])


def test_authority_staff_change_title_and_introduction(login, draft, authority_staff):
    client = login(authority_staff)
    assert client.get(_url(draft)).status_code == 200
    assert (
        client.post(_url(draft), {"title": "New title", "introduction": "# Hi"}).status_code == 302
    )
    draft.refresh_from_db()
    assert (draft.title, draft.introduction) == ("New title", "# Hi")


def test_an_empty_title_is_refused(login, draft, authority_staff):
    response = login(authority_staff).post(_url(draft), {"title": "", "introduction": ""})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.title == "Quality report 2025"


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.get(_url(draft)))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert login(other_authority_staff).get(_url(draft)).status_code == 404


def test_a_published_report_cannot_be_edited(login, published, authority_staff, leader_a):
    assert login(authority_staff).get(_url(published)).status_code == 403
    assert login(leader_a).get(_url(published)).status_code == 403


def test_it_rejects_put(login, draft, authority_staff):
    assert login(authority_staff).put(_url(draft)).status_code == 405
