"""Every URL pattern of the project, found by walking the resolver.

The matrix must notice a new URL the day it is added (tests/test_permission_matrix.py):
a route without a row fails there, and every route with arguments is asked for objects
that do not exist.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Third-party URL trees, each with the reason the permission matrix leaves it out.
THIRD_PARTY_PREFIXES = {
    # Django's admin: is_staff users only, guarded by Django itself, not part of the portal.
    "admin/": "Django admin, guarded by Django's own staff check",
    # allauth's login, password, email and MFA pages: their own rate limits and tests
    # (qnet/tests/test_accounts.py, test_mfa_required.py); they are open by design.
    "accounts/": "django-allauth (account_* and mfa_* pages)",
    # Served by whitenoise / the static finders in development, no views of ours.
    "static/": "static files",
    "media/": "uploaded files are only served through the apps' download views",
    "__debug__/": "debug toolbar, development only",
}


@dataclass(frozen=True)
class Route:
    route: str  # "events/<int:pk>/"
    name: str  # "events:detail"


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(route=prefix + route, name=name or "")


def project_routes() -> list[Route]:
    """Every route of the project outside the third-party trees, sorted by path."""
    return sorted(
        (
            route
            for route in _walk(get_resolver().url_patterns)
            if not route.route.startswith(tuple(THIRD_PARTY_PREFIXES))
        ),
        key=lambda route: (route.route, route.name),
    )


def unknown_path(route: str) -> str:
    """A real path for a route whose arguments name nothing: ids that exist nowhere,
    tokens and kinds that were never issued."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:\w+>", "987654", route)
    route = re.sub(r"<(\w+:)?\w+>", "no-such-token", route)
    return "/" + route
