"""Every URL of the app against every persona: DESIGN.md's permission table in one place."""

import pytest
from django.urls import reverse

PERSONAS = [
    None,
    "staff_a",
    "leader_a",
    "leader_b",
    "coordinator",
    "facilitator",
    "authority_staff",
    "other_authority_staff",
]


def _expect(persona, *, anonymous, owner, others):
    if persona is None:
        return anonymous
    if persona == "authority_staff":
        return owner
    return others


def _cases():
    # (name, method, report fixture, section?, data, anonymous, owner, others)
    return [
        ("archive", "get", None, False, {}, 200, 200, 200),
        # Staff of any authority start their own authority's report.
        ("start", "get", None, False, {}, 302, 200, {"other_authority_staff": 200, "*": 403}),
        ("detail", "get", "published", False, {}, 200, 200, 200),
        ("detail", "get", "in_review", False, {}, 404, 200, 404),
        ("pdf", "get", "in_review", False, {}, 404, 404, 404),
        ("manage", "get", "published", False, {}, 302, 200, 403),
        ("manage", "get", "in_review", False, {}, 302, 200, 404),
        ("details", "get", "in_review", False, {}, 302, 200, 404),
        ("section_edit", "get", "in_review", True, {}, 302, 200, 404),
        ("section_edit", "get", "published", True, {}, 302, 200, 403),
        (
            "section_add",
            "post",
            "in_review",
            False,
            {"kind": "free_text", "title": "x"},
            302,
            302,
            404,
        ),
        ("section_move", "post", "in_review", True, {"direction": "down"}, 302, 302, 404),
        ("section_remove", "post", "published", True, {}, 302, 302, 403),
        ("comment_add", "post", "in_review", True, {"text": "x"}, 302, 302, 404),
        ("submit", "post", "in_review", False, {}, 302, 302, 404),
        ("publish", "post", "published", False, {}, 302, 302, 403),
        ("withdraw", "post", "published", False, {"reason": "x"}, 302, 302, 403),
        ("new_version", "post", "in_review", False, {}, 302, 302, 404),
        ("rendition_request", "post", "published", False, {}, 302, 302, 403),
        ("rendition_status", "get", "published", False, {}, 200, 200, 200),
        ("rendition_download", "get", "in_review", False, {}, 302, 404, 404),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", _cases(), ids=lambda case: f"{case[0]}-{case[2]}")
def test_url_answers_by_persona(case, persona, request, client, login, personas):
    name, method, report_fixture, with_section, data, anonymous, owner, others = case
    args = []
    if report_fixture:
        report = request.getfixturevalue(report_fixture)
        args = [report.pk]
        if with_section:
            args.append(report.sections.first().pk)
        if name.startswith("rendition"):
            args.append("pdf")
    visitor = client
    if persona is not None:
        visitor = login(request.getfixturevalue(persona))
    response = getattr(visitor, method)(reverse(f"reports:{name}", args=args), data)
    expected = _expect(persona, anonymous=anonymous, owner=owner, others=others)
    if isinstance(expected, dict):
        expected = expected.get(persona, expected["*"])
    assert response.status_code == expected, (name, persona, response.status_code)
