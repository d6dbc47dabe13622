from django.urls import reverse

from reports.models import ReviewComment
from reports.tests.helpers import assert_login_redirect


def _url(section):
    return reverse("reports:comment_add", args=[section.report_id, section.pk])


def test_a_colleague_comments_on_a_chapter_in_review(login, in_review, authority_staff):
    section = in_review.sections.first()
    response = login(authority_staff).post(
        _url(section), {"text": "Name the schools that improved."}
    )
    assert response.status_code == 302
    assert ReviewComment.objects.get().section == section


def test_an_empty_comment_is_refused(login, in_review, authority_staff):
    login(authority_staff).post(_url(in_review.sections.first()), {"text": ""})
    assert not ReviewComment.objects.exists()


def test_anonymous_is_sent_to_login(client, in_review):
    assert_login_redirect(client.post(_url(in_review.sections.first()), {"text": "x"}))


def test_other_authorities_get_404(login, in_review, other_authority_staff):
    assert (
        login(other_authority_staff)
        .post(_url(in_review.sections.first()), {"text": "x"})
        .status_code
        == 404
    )


def test_leaders_may_not_comment(login, published, leader_a):
    assert login(leader_a).post(_url(published.sections.first()), {"text": "x"}).status_code == 403


def test_it_rejects_get(login, in_review, authority_staff):
    assert login(authority_staff).get(_url(in_review.sections.first())).status_code == 405
