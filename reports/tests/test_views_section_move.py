from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(section):
    return reverse("reports:section_move", args=[section.report_id, section.pk])


def test_authority_staff_move_a_chapter_up(login, draft, authority_staff):
    last = draft.sections.order_by("order").last()
    assert login(authority_staff).post(_url(last), {"direction": "up"}).status_code == 302
    last.refresh_from_db()
    assert last.order == 4


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.post(_url(draft.sections.first()), {"direction": "up"}))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    response = login(other_authority_staff).post(_url(draft.sections.first()), {"direction": "up"})
    assert response.status_code == 404


def test_leaders_may_not_reorder_a_published_report(login, published, leader_a):
    response = login(leader_a).post(_url(published.sections.last()), {"direction": "up"})
    assert response.status_code == 403


def test_it_rejects_get(login, draft, authority_staff):
    assert login(authority_staff).get(_url(draft.sections.first())).status_code == 405
