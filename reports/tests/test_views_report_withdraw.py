from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:withdraw", args=[report.pk])


def test_a_withdrawn_report_shows_its_reason(client, login, published, authority_staff):
    response = login(authority_staff).post(
        _url(published), {"reason": "Figures in chapter 2 were wrong."}
    )
    assert response.status_code == 302
    body = client.get(reverse("reports:detail", args=[published.pk])).content.decode()
    assert "Figures in chapter 2 were wrong." in body


def test_a_reason_is_required(login, published, authority_staff):
    login(authority_staff).post(_url(published), {"reason": ""})
    published.refresh_from_db()
    assert published.status == "published"


def test_anonymous_is_sent_to_login(client, published):
    assert_login_redirect(client.post(_url(published), {"reason": "x"}))


def test_other_authorities_get_404_for_a_draft(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft), {"reason": "x"}).status_code == 404


def test_others_may_not_withdraw_a_published_report(
    login, published, leader_a, other_authority_staff
):
    assert login(leader_a).post(_url(published), {"reason": "x"}).status_code == 403
    assert login(other_authority_staff).post(_url(published), {"reason": "x"}).status_code == 403


def test_it_rejects_get(login, published, authority_staff):
    assert login(authority_staff).get(_url(published)).status_code == 405
