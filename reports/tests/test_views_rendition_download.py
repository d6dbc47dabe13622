from django.urls import reverse

from reports import services
from reports.tests.helpers import assert_login_redirect


def _url(report, kind="school_status_zip"):
    return reverse("reports:rendition_download", args=[report.pk, kind])


def _make_zip(report, actor):
    rendition = services.rendition_request(actor=actor, report=report, kind="school_status_zip")
    services.rendition_render(rendition_id=rendition.pk)


def test_authority_staff_download_the_zip(login, published, authority_staff):
    _make_zip(published, authority_staff)
    response = login(authority_staff).get(_url(published))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.zip"')


def test_a_zip_not_made_yet_is_404(login, published, authority_staff):
    assert login(authority_staff).get(_url(published)).status_code == 404


def test_anonymous_is_sent_to_login(client, published):
    assert_login_redirect(client.get(_url(published)))


def test_other_authorities_get_404_for_a_draft(login, draft, other_authority_staff):
    assert login(other_authority_staff).get(_url(draft)).status_code == 404


def test_leaders_may_not_download_the_zip(login, published, leader_a):
    assert login(leader_a).get(_url(published)).status_code == 403


def test_it_rejects_post(login, published, authority_staff):
    assert login(authority_staff).post(_url(published)).status_code == 405
