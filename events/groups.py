"""Groups that own a series of meetings: coalitions and learning networks.

A coalition's facilitator and leads run the meetings of its series, and a meeting may be
for the coalition's members only. events stands on qnet alone and cannot ask coalitions
who those people are, so the app that keeps such groups registers a SeriesGroups here
from its AppConfig.ready(), as apps plug dashboard panels into qnet (qnet.registry).

Why ask, and not keep a copy of the members on events' side: a copy would have to be
written by every service that adds, removes or re-roles a member, and a forgotten write
would show a meeting to someone who left. Asking keeps one source of truth; the answers
are read as plain lists of series ids (a query each) for the visibility filter.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from events.models.core import Audience
from qnet.registry import OrderedRegistry


@dataclass(frozen=True)
class SeriesGroups:
    # The user's series, in one query: pairs (series id, whether the user runs its
    # meetings) of the series whose group counts the user among its members or whose
    # meetings the user runs. And every series a group owns (values_list("series_id")).
    series_of: Callable[..., Iterable[tuple[int, bool]]]
    owned_series: Callable[[], QuerySet]
    # The tables those queries read, for the dashboard panel's cache (qnet.caching).
    depends_on: tuple[type[Model], ...]


@dataclass(frozen=True)
class UserSeries:
    audience: frozenset[int] = frozenset()
    managed: frozenset[int] = frozenset()


_sources: OrderedRegistry[SeriesGroups] = OrderedRegistry()


def register(source: SeriesGroups, *, order: int = 500) -> None:
    _sources.add(source, order=order)


def series_of(user) -> UserSeries:
    """The series the user belongs to and the ones they run; read once and kept on the
    user object for the request, like qnet.rules.roles_of, since a page asks
    can_manage_event often."""
    if user is None or not user.is_authenticated or not user.is_active:
        return UserSeries()
    cached = getattr(user, "_events_series", None)
    if cached is None:
        pairs = [pair for source in _sources for pair in source.series_of(user)]
        cached = UserSeries(
            audience=frozenset(series_id for series_id, _runs in pairs),
            managed=frozenset(series_id for series_id, runs in pairs if runs),
        )
        user._events_series = cached
    return cached


def managed_series_ids(user) -> frozenset[int]:
    """Ids of the series whose meetings the user runs."""
    return series_of(user).managed


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
