import re

import pytest

from selfassessment import services
from selfassessment.models import SelfAssessment

pytestmark = pytest.mark.django_db


def url(assessment):
    return f"/self-assessment/{assessment.pk}/return/"


def test_it_shows_what_the_school_will_read_before_returning(login, authority_staff, submitted_b):
    sign = submitted_b.ratings.order_by("indicator__goal__focus_area__order").first()
    data = {"comment": "Add evidence.", f"sign_{sign.indicator_id}": "Which tests?"}
    response = login(authority_staff).post(url(submitted_b), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Return to the school" in content
    assert "Which tests?" in content and 'name="confirmed" value="1"' in content
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.SUBMITTED


def test_it_returns_a_submitted_one_with_the_comment_once_confirmed(
    login, authority_staff, submitted_b
):
    sign = submitted_b.ratings.first()
    data = {"comment": "Add evidence.", f"sign_{sign.indicator_id}": "Which tests?"}
    response = login(authority_staff).post(url(submitted_b), {**data, "confirmed": "1"})
    assert response.status_code == 302
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED
    assert submitted_b.authority_comment == "Add evidence."
    sign.refresh_from_db()
    assert sign.review_comment == "Which tests?"


def test_it_refuses_without_a_comment(login, authority_staff, submitted_b):
    response = login(authority_staff).post(url(submitted_b), {"comment": "", "confirmed": "1"})
    assert response.status_code == 400
    assert b"Say what the school should revise." in response.content
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.SUBMITTED


def test_it_forbids_the_schools_leader(login, leader_b, submitted_b):
    assert login(leader_b).post(url(submitted_b), {"comment": "x"}).status_code == 403


def test_it_answers_404_for_a_draft_and_other_authorities(
    login, authority_staff, other_authority_staff, draft_a, submitted_b
):
    assert login(authority_staff).post(url(draft_a), {"comment": "x"}).status_code == 404
    assert login(other_authority_staff).post(url(submitted_b), {"comment": "x"}).status_code == 404


def test_it_redirects_anonymous_to_login(client, submitted_b):
    assert client.post(url(submitted_b), {"comment": "x"}).status_code == 302


def test_it_rejects_get(login, authority_staff, submitted_b):
    assert login(authority_staff).get(url(submitted_b)).status_code == 405


# --- the review sign by sign -------------------------------------------------


def _signs(assessment):
    return list(
        assessment.ratings.order_by(
            "indicator__goal__focus_area__order", "indicator__goal__order", "indicator__order"
        )
    )


def test_the_authority_gets_a_numbered_comment_field_per_sign(login, authority_staff, submitted_b):
    content = login(authority_staff).get(f"/self-assessment/{submitted_b.pk}/").content.decode()
    for sign, number in zip(_signs(submitted_b), ["1.1.1", "1.1.2", "2.1.1"], strict=True):
        assert f'name="sign_{sign.indicator_id}"' in content
        assert f"Comment on sign {number} (optional)" in content
    assert 'form="review-form"' in content


def test_an_invalid_review_keeps_the_sign_comments(login, authority_staff, submitted_b):
    sign = _signs(submitted_b)[0]
    response = login(authority_staff).post(
        url(submitted_b), {"comment": "", f"sign_{sign.indicator_id}": "Kept remark"}
    )
    assert response.status_code == 400
    assert b"Kept remark" in response.content


def test_the_school_reads_each_comment_next_to_its_sign(
    login, authority_staff, leader_b, submitted_b
):
    first, second, _third = _signs(submitted_b)
    login(authority_staff).post(
        url(submitted_b),
        {
            "comment": "Revise reading.",
            f"sign_{first.indicator_id}": "Which tests did you use?",
            "confirmed": "1",
        },
    )
    content = login(leader_b).get(f"/self-assessment/{submitted_b.pk}/").content.decode()
    assert "Revise reading." in content
    sign_block = content[
        content.index(f'id="indicator-{first.indicator_id}"') : content.index(
            f'id="indicator-{second.indicator_id}"'
        )
    ]
    assert "Which tests did you use?" in sign_block
    assert content.count("qnet-sign-comment") == 1


def test_the_confirmation_carries_every_comment_to_the_return(login, authority_staff, submitted_b):
    first = _signs(submitted_b)[0]
    client = login(authority_staff)
    confirm = client.post(
        url(submitted_b),
        {"comment": "Line one\nLine two", f"sign_{first.indicator_id}": "A remark"},
    )
    assert b"No comment on single signs." not in confirm.content
    hidden = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', confirm.content.decode())
    )
    assert hidden["confirmed"] == "1"
    assert hidden[f"sign_{first.indicator_id}"] == "A remark"
    client.post(url(submitted_b), {**hidden, "comment": "Line one\nLine two"})
    submitted_b.refresh_from_db()
    assert submitted_b.status == SelfAssessment.Status.RETURNED
    first.refresh_from_db()
    assert first.review_comment == "A remark"


def test_after_a_resubmission_the_authority_sees_its_earlier_sign_comment(
    login, authority_staff, leader_b, submitted_b
):
    first = _signs(submitted_b)[0]
    client = login(authority_staff)
    client.post(
        url(submitted_b),
        {"comment": "Revise.", f"sign_{first.indicator_id}": "Earlier remark", "confirmed": "1"},
    )
    submitted_b.refresh_from_db()
    services.assessment_submit(actor=leader_b, assessment=submitted_b, version=submitted_b.version)
    content = client.get(f"/self-assessment/{submitted_b.pk}/").content.decode()
    assert "Earlier remark" in content
    # The new review starts empty: the next return replaces the earlier comments.
    assert f'name="sign_{first.indicator_id}" id="id_sign_{first.indicator_id}"></textarea>' in (
        content
    )
