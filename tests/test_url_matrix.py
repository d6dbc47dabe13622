"""Every URL of the project, found by walking the resolver, for a visitor and an outsider.

A new URL is covered the day it is added: anonymous visitors get a login redirect, 404
or 405 unless the path is on the public list; a signed-in outsider asking for objects
that do not exist gets 404/403/405, never a 500 or someone else's page.
"""

import re

import pytest

from tests.urlwalk import project_routes

# Pages anyone may open (public by design, see DESIGN.md "Who may do what").
PUBLIC = {
    "",
    "health/",
    "privacy/",
    "accessibility/",
    "events/",
    "events/month/",
    "coalitions/library/",
    "reports/",
    "language/",
}


def _concrete(route: str) -> str:
    """A real path for a route: ids that exist nowhere, tokens that were never issued."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "987654", route)
    route = re.sub(r"<(str|slug):(\w+)>", "no-such-token", route)
    route = re.sub(r"<(\w+)>", "no-such-token", route)
    return "/" + route


ROUTES = sorted({route.route for route in project_routes()})


def test_the_walk_finds_every_app():
    prefixes = {route.split("/", 1)[0] for route in ROUTES}
    assert {"events", "coalitions", "self-assessment", "reports", "organisations"} <= prefixes


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_reach_only_public_pages(client, route):
    path = _concrete(route)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        assert response.status_code != 500
        if response.status_code == 200:
            assert route in PUBLIC, f"{method.upper()} {path} is open to anyone"
        elif response.status_code in (301, 302):
            location = response["Location"]
            assert location.startswith("/accounts/login/") or route in PUBLIC, (
                f"{method.upper()} {path} redirects anonymous visitors to {location}"
            )
        else:
            assert response.status_code in (400, 403, 404, 405, 410), (method, path)


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if "<" in r])
def test_an_outsider_asking_for_unknown_objects_gets_no_page(login, outsider, route):
    client = login(outsider)
    path = _concrete(route)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        assert response.status_code in (302, 400, 403, 404, 405, 410), (
            method,
            path,
            response.status_code,
        )
