from django.urls import reverse

from reports.models import AnnualReport
from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:new_version", args=[report.pk])


def test_a_new_version_is_a_draft_copy(login, published, authority_staff):
    response = login(authority_staff).post(_url(published))
    successor = AnnualReport.objects.get(supersedes=published)
    assert response["Location"] == reverse("reports:manage", args=[successor.pk])
    assert successor.version == 2 and successor.status == "draft"


def test_a_draft_gets_no_new_version(login, draft, authority_staff):
    login(authority_staff).post(_url(draft))
    assert AnnualReport.objects.count() == 1


def test_anonymous_is_sent_to_login(client, published):
    assert_login_redirect(client.post(_url(published)))


def test_other_authorities_get_404_for_a_draft(login, draft, other_authority_staff):
    assert login(other_authority_staff).post(_url(draft)).status_code == 404


def test_leaders_may_not_make_versions(login, published, leader_a):
    assert login(leader_a).post(_url(published)).status_code == 403


def test_it_rejects_get(login, published, authority_staff):
    assert login(authority_staff).get(_url(published)).status_code == 405
