"""The dashboard at / is assembled from panels that the apps register.

qnet is the ground floor and imports no app, so each app registers its own panel in its
AppConfig.ready(). A panel is a function (request) -> (template, context) or None.
"""

from collections.abc import Callable

from qnet import selectors

Panel = Callable[..., tuple[str, dict] | None]
_panels: list[tuple[int, Panel]] = []


def register(panel: Panel, *, order: int = 500) -> None:
    if all(existing is not panel for _, existing in _panels):
        _panels.append((order, panel))
        _panels.sort(key=lambda item: item[0])


def panels_for(request) -> list[tuple[str, dict]]:
    rendered = []
    for _, panel in _panels:
        result = panel(request)
        if result is not None:
            rendered.append(result)
    return rendered


def organisations_panel(request):
    organisations = selectors.organisations_for_user(request.user)
    return "qnet/panels/organisations.html", organisations
