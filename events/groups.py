"""Groups that own a series of meetings: coalitions and learning networks.

A coalition's facilitator and leads run the meetings of its series, and a meeting may be
for the coalition's members only. events stands on qnet alone and cannot ask coalitions
who those people are, so the app that keeps such groups registers a SeriesGroups here
from its AppConfig.ready(), as apps plug dashboard panels into qnet (qnet.registry).

Why ask, and not keep a copy of the members on events' side: a copy would have to be
written by every service that adds, removes or re-roles a member, and a forgotten write
would show a meeting to someone who left. Asking keeps one source of truth; the answers
are subqueries inside the visibility filter (no extra round trip), and the cached
visibility (selectors.event_get_for_user, the dashboard panel) lists the group's tables
among what it depends on (visibility_depends_on), so a join or a leave makes new keys.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from events.models.core import Audience
from qnet.registry import OrderedRegistry


@dataclass(frozen=True)
class SeriesGroups:
    # Each function returns a query of series ids (values_list("series_id")), used as a
    # subquery: the series whose group's members the user counts among, the series whose
    # meetings the user runs, and every series a group owns.
    audience_series: Callable[..., QuerySet]
    managed_series: Callable[..., QuerySet]
    owned_series: Callable[[], QuerySet]
    # The tables those queries read, for qnet.caching.
    depends_on: tuple[type[Model], ...]


_sources: OrderedRegistry[SeriesGroups] = OrderedRegistry()


def register(source: SeriesGroups, *, order: int = 500) -> None:
    _sources.add(source, order=order)


def _any_of(queries) -> Q:
    condition = Q(pk__in=[])
    for query in queries:
        condition |= Q(series_id__in=query)
    return condition


def audience_q(user) -> Q:
    """Events (by series) whose group counts the user among its members."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _any_of(source.audience_series(user) for source in _sources)


def managed_q(user) -> Q:
    """Events (by series) the user runs as a group's facilitator or lead."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return _any_of(source.managed_series(user) for source in _sources)


def managed_series_ids(user) -> frozenset[int]:
    """Ids of the series the user runs; read once and kept on the user object for the
    request, like qnet.rules.roles_of, since a page asks can_manage_event often."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_events_managed_series", None)
    if cached is None:
        cached = frozenset(
            series_id
            for source in _sources
            for series_id in source.managed_series(user)
            if series_id is not None
        )
        user._events_managed_series = cached
    return cached


def is_owned(series_id: int | None) -> bool:
    if series_id is None:
        return False
    return any(source.owned_series().filter(series_id=series_id).exists() for source in _sources)


def depends_on() -> tuple[type[Model], ...]:
    return tuple(model for source in _sources for model in source.depends_on)


def check_audience(event) -> None:
    """Only a meeting of a series that a group owns can be for the group's members: for
    any other event that audience would show it to no one."""
    if event.audience == Audience.COALITION and not is_owned(event.series_id):
        raise ValidationError(
            {"audience": _("Only meetings of a coalition's series can be for its members.")}
        )
