from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:submit", args=[report.pk])


def test_authority_staff_send_a_draft_to_review(login, draft, authority_staff):
    assert login(authority_staff).post(_url(draft)).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "in_review"


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.post(_url(draft)))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft)).status_code == 404


def test_leaders_may_not_submit(login, published, leader_a):
    assert login(leader_a).post(_url(published)).status_code == 403


def test_it_rejects_get(login, draft, authority_staff):
    assert login(authority_staff).get(_url(draft)).status_code == 405
