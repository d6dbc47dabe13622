from django.urls import reverse

from reports.models import Rendition
from reports.tests.helpers import assert_login_redirect


def _url(report):
    return reverse("reports:publish", args=[report.pk])


def test_publishing_freezes_and_makes_the_pdf(
    login, in_review, authority_staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        response = login(authority_staff).post(_url(in_review))
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == "published" and in_review.snapshot["sections"]
    assert Rendition.objects.get(report=in_review).status == "done"


def test_a_draft_must_be_reviewed_first(login, draft, authority_staff):
    login(authority_staff).post(_url(draft))
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_anonymous_is_sent_to_login(client, in_review):
    assert_login_redirect(client.post(_url(in_review)))


def test_other_authorities_get_404(login, in_review, other_authority_staff):
    assert login(other_authority_staff).post(_url(in_review)).status_code == 404


def test_leaders_may_not_publish(login, published, leader_a):
    assert login(leader_a).post(_url(published)).status_code == 403


def test_it_rejects_get(login, in_review, authority_staff):
    assert login(authority_staff).get(_url(in_review)).status_code == 405
