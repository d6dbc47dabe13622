"""The dashboard at / is assembled from panels that the apps register.

qnet is the ground floor and imports no app, so each app registers its own panel in its
AppConfig.ready(). A panel is a function (request) -> (template, context) or None.

A panel registered with `depends_on` (the models it reads) is cached as rendered HTML
(qnet.caching): the dashboard is the page people return to after everything they do, and
its five panels cost five times a plain page. `shared_by` names who sees the same panel
(the authority for authority staff); by default each person has their own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from qnet import caching, selectors
from qnet.models import Authority, Membership, Network, NetworkMembership, School
from qnet.registry import OrderedRegistry

Panel = Callable[..., tuple[str, dict] | None]


def per_person(request) -> tuple:
    return ("user", request.user.pk)


@dataclass(frozen=True)
class RegisteredPanel:
    panel: Panel
    depends_on: tuple[type[Model], ...] | Callable[[], Iterable[type[Model]]] = ()
    shared_by: Callable[..., tuple] = per_person

    @property
    def name(self) -> str:
        return f"panel:{self.panel.__module__}.{self.panel.__qualname__}"

    def render(self, request) -> str:
        result = self.panel(request)
        if result is None:
            return ""
        template, context = result
        return render_to_string(template, {"panel": context}, request)

    def html(self, request) -> str:
        depends_on = self.depends_on() if callable(self.depends_on) else self.depends_on
        if not depends_on:
            return self.render(request)
        return caching.cached_value(
            self.name,
            *self.shared_by(request),
            depends_on=depends_on,
            compute=lambda: caching.shareable(self.name, self.render(request)),
        )


_panels: OrderedRegistry[RegisteredPanel] = OrderedRegistry()


def register(
    panel: Panel,
    *,
    order: int = 500,
    depends_on: Iterable[type[Model]] | Callable[[], Iterable[type[Model]]] = (),
    shared_by: Callable[..., tuple] = per_person,
) -> None:
    # A function is asked on each render: what a panel reads may grow with apps that plug
    # into the app owning it after that app registered the panel (events.groups).
    if not callable(depends_on):
        depends_on = tuple(depends_on)
    _panels.add(RegisteredPanel(panel, depends_on=depends_on, shared_by=shared_by), order=order)


def panels_for(request) -> list[SafeString]:
    """The rendered panels that have something to show, in their order."""
    rendered = []
    for entry in _panels:
        html = entry.html(request)
        if html:
            rendered.append(html)
    return rendered


def organisations_panel(request):
    organisations = selectors.organisations_for_user(request.user)
    return "qnet/panels/organisations.html", organisations


ORGANISATIONS_DEPENDS_ON = (Membership, School, Network, NetworkMembership, Authority)
