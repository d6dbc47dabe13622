from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:section_add", args=[report.pk])


def test_authority_staff_add_a_chapter_at_the_end(login, draft, authority_staff):
    response = login(authority_staff).post(_url(draft), {"kind": "free_text", "title": "Outlook"})
    assert response.status_code == 302
    assert draft.sections.order_by("order").last().title == "Outlook"


def test_a_results_chapter_without_focus_area_is_refused(login, draft, authority_staff):
    login(authority_staff).post(_url(draft), {"kind": "focus_area_results", "title": ""})
    assert draft.sections.count() == 5


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.post(_url(draft), {"kind": "free_text", "title": "x"}))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert (
        login(other_authority_staff)
        .post(_url(draft), {"kind": "free_text", "title": "x"})
        .status_code
        == 404
    )


def test_leaders_may_not_add_to_a_published_report(login, published, leader_a):
    assert (
        login(leader_a).post(_url(published), {"kind": "free_text", "title": "x"}).status_code
        == 403
    )


def test_it_rejects_get(login, draft, authority_staff):
    assert login(authority_staff).get(_url(draft)).status_code == 405
