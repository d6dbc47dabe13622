"""The dashboard at / is assembled from panels that the apps register.

qnet is the ground floor and imports no app, so each app registers its own panel in its
AppConfig.ready(). A panel is a function (request) -> (template, context) or None.

A panel registered with `depends_on` (the models it reads) is kept as rendered HTML
(qnet.caching, "panel"): the dashboard is the page people return to after everything
they do, and its five panels cost five times a plain page. `shared_by` names who sees the
same panel (the authority for authority staff); by default each person has their own,
keyed by the person alone, so no permission decides what another person is shown.
`expires` says when a panel's content stops being true without any write (the upcoming
events panel: when its first event ends); otherwise a write to its tables or the next day
makes a new key.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

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
    expires: Callable[[dict], datetime | None] | None = None

    @property
    def name(self) -> str:
        return f"{self.panel.__module__}.{self.panel.__qualname__}"

    def render(self, request, expiry: list | None = None) -> str:
        result = self.panel(request)
        if result is None:
            return ""
        template, context = result
        if expiry is not None and self.expires is not None:
            expiry.append(self.expires(context))
        return render_to_string(template, {"panel": context}, request)

    def html(self, request) -> str:
        depends_on = self.depends_on() if callable(self.depends_on) else self.depends_on
        if not depends_on:
            return self.render(request)
        expiry: list[datetime | None] = []
        return caching.shared(
            "panel",
            self.name,
            *self.shared_by(request),
            depends_on=depends_on,
            compute=lambda: caching.shareable(self.name, self.render(request, expiry)),
            expires_at=lambda: expiry[0] if expiry else None,
        )


_panels: OrderedRegistry[RegisteredPanel] = OrderedRegistry()


def register(
    panel: Panel,
    *,
    order: int = 500,
    depends_on: Iterable[type[Model]] | Callable[[], Iterable[type[Model]]] = (),
    shared_by: Callable[..., tuple] = per_person,
    expires: Callable[[dict], datetime | None] | None = None,
) -> None:
    # A function is asked on each render: what a panel reads may grow with apps that plug
    # into the app owning it after that app registered the panel (events.groups).
    if not callable(depends_on):
        depends_on = tuple(depends_on)
    _panels.add(
        RegisteredPanel(panel, depends_on=depends_on, shared_by=shared_by, expires=expires),
        order=order,
    )


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
