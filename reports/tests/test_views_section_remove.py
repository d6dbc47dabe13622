from django.urls import reverse

from reports.tests.helpers import assert_login_redirect


def _url(section):
    return reverse("reports:section_remove", args=[section.report_id, section.pk])


def test_authority_staff_remove_a_chapter(login, draft, authority_staff):
    assert login(authority_staff).post(_url(draft.sections.first())).status_code == 302
    assert draft.sections.count() == 4


def test_a_published_chapter_stays(login, published, authority_staff):
    login(authority_staff).post(_url(published.sections.first()))
    assert published.sections.count() == 5


def test_anonymous_is_sent_to_login(client, draft):
    assert_login_redirect(client.post(_url(draft.sections.first())))


def test_other_authorities_get_404(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft.sections.first())).status_code == 404


def test_leaders_may_not_remove_chapters(login, published, leader_a):
    assert login(leader_a).post(_url(published.sections.first())).status_code == 403


def test_it_rejects_get(login, draft, authority_staff):
    assert login(authority_staff).get(_url(draft.sections.first())).status_code == 405
