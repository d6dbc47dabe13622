"""Security properties every page of the portal shares."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db
PAGES = [("/", True), ("/accounts/login/", False), ("/organisations/", True), ("/profile/", True)]


@pytest.mark.parametrize(("path", "signed_in"), PAGES)
def test_every_page_carries_the_security_headers(client, login, leader_a, path, signed_in):
    response = (login(leader_a) if signed_in else client).get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_post_without_csrf_token_is_refused(leader_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader_a, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/profile/", {"full_name": "Mallory", "preferred_language": ""})
    assert response.status_code == 403
    leader_a.refresh_from_db()
    assert leader_a.full_name == "Lea Albers"


def test_deactivating_an_account_ends_its_sessions(login, leader_a):
    client = login(leader_a)
    assert client.get("/organisations/").status_code == 200
    leader_a.is_active = False
    leader_a.save(update_fields=["is_active"])
    assert client.get("/organisations/").status_code == 302


def test_changing_the_password_ends_the_other_sessions(client, leader_a):
    other = Client()
    for c in (client, other):
        c.post("/accounts/login/", {"login": leader_a.email, "password": PASSWORD})
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "An-0ther-long-secret",
            "password2": "An-0ther-long-secret",
        },
    )
    assert response.status_code == 302
    assert client.get("/organisations/").status_code == 200
    assert other.get("/organisations/").status_code == 302


# The CSP forbids inline script and inline style: a template that needs them breaks in the
# browser, silently. This catches it before a browser test has to.
_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "inline event handler"),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "inline style attribute"),
]
# Mail bodies are read in mail clients, not under our CSP; PDFs are rendered by WeasyPrint.
_EXEMPT_PARTS = ("/mail/", "/pdf/", "/print/")


def _page_templates():
    roots = [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates"
        for app in ("qnet", "events", "coalitions", "selfassessment", "reports")
    ]
    for root in roots:
        for path in root.rglob("*.html"):
            if not any(part in path.as_posix() for part in _EXEMPT_PARTS):
                yield path


def test_no_page_template_needs_inline_script_or_style():
    problems = []
    for path in _page_templates():
        text = path.read_text(encoding="utf-8")
        if "<!-- csp-exempt: " in text:
            continue
        for pattern, what in _INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(settings.BASE_DIR)}:{line}: {what}")
    assert not problems, "\n".join(problems)
