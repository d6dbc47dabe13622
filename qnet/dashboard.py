"""The dashboard at / is assembled from panels that the apps register.

qnet is the ground floor and imports no app, so each app registers its own panel in its
AppConfig.ready(). A panel is a function (request) -> (template, context) or None.
"""

from collections.abc import Callable

from qnet import selectors
from qnet.registry import OrderedRegistry

Panel = Callable[..., tuple[str, dict] | None]
_panels: OrderedRegistry[Panel] = OrderedRegistry()


def register(panel: Panel, *, order: int = 500) -> None:
    _panels.add(panel, order=order)


def panels_for(request) -> list[tuple[str, dict]]:
    rendered = []
    for panel in _panels:
        result = panel(request)
        if result is not None:
            rendered.append(result)
    return rendered


def organisations_panel(request):
    organisations = selectors.organisations_for_user(request.user)
    return "qnet/panels/organisations.html", organisations
