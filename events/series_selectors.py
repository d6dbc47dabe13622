"""Reads of a series as a whole: its upcoming meetings and attendance across them."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from events import groups
from events.models import Event, Registration, Series
from events.rules import can_manage_series
from events.selectors import colleagues_registrable_by, colleagues_shown_to, events_visible_to
from qnet.models import School, User
from qnet.rules import roles_of

# What a cell of the overview says, besides the attendance marks themselves.
REGISTERED = "registered"
WAITLISTED = "waitlisted"


def series_get_visible(*, user, pk: int) -> Series:
    """The series, 404 unless the user sees at least one of its meetings."""
    series = Series.objects.select_related("network", "format").filter(pk=pk).first()
    if series is None or not events_visible_to(user).filter(series=series).exists():
        raise Http404
    return series


def upcoming_meetings(series: Series, *, user) -> QuerySet[Event]:
    """The published meetings of the series that have not begun and the user sees."""
    return (
        events_visible_to(user)
        .filter(series=series, status=Event.Status.PUBLISHED, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
    )


def series_colleagues(*, user, series: Series) -> list[User]:
    """Whom a school leader may register for the series: as for its meetings."""
    meeting = upcoming_meetings(series, user=user).first()
    if meeting is None:
        return []
    return colleagues_registrable_by(user=user, event=meeting)


@dataclass
class AttendanceRow:
    label: str
    school: School | None
    # One per meeting, in the meetings' order: present / absent / excused (marked),
    # registered / waitlisted (not marked), or "" (not registered).
    cells: list[str] = field(default_factory=list)

    @property
    def present(self) -> int:
        return sum(1 for cell in self.cells if cell == Registration.Attendance.PRESENT)


@dataclass
class SeriesAttendance:
    meetings: list[Event]
    rows: list[AttendanceRow]
    present: list[int]  # per meeting


def series_attendance(series: Series) -> SeriesAttendance:
    """People × meetings of the series, in two queries whatever their number."""
    meetings = list(
        series.events.exclude(status=Event.Status.DRAFT).order_by("series_number", "starts_at")
    )
    column = {event.pk: index for index, event in enumerate(meetings)}
    registrations = (
        Registration.objects.filter(event__in=meetings)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("person", "school")
        .order_by("school__name", "person__full_name", "participant_key", "pk")
    )
    rows: dict[object, AttendanceRow] = {}
    for registration in registrations:
        # An anonymised registration keeps a stand-in key per person and year.
        key = registration.person_id or f"key:{registration.participant_key}"
        row = rows.get(key)
        if row is None:
            row = rows[key] = AttendanceRow(
                label=registration.participant_label,
                school=registration.school,
                cells=[""] * len(meetings),
            )
        row.cells[column[registration.event_id]] = _cell(registration)
    present = [0] * len(meetings)
    for row in rows.values():
        for index, cell in enumerate(row.cells):
            if cell == Registration.Attendance.PRESENT:
                present[index] += 1
    ordered = sorted(
        rows.values(), key=lambda row: (row.school.name if row.school else "", row.label)
    )
    return SeriesAttendance(meetings=meetings, rows=ordered, present=present)


def _cell(registration: Registration) -> str:
    if registration.attendance:
        return registration.attendance
    if registration.status == Registration.Status.EXCUSED:
        return Registration.Attendance.EXCUSED
    if registration.status == Registration.Status.WAITLISTED:
        return WAITLISTED
    return REGISTERED


def is_group_series(series: Series) -> bool:
    """Whether a coalition (or another group, events.groups) owns the series."""
    return groups.is_owned(series.pk)


@dataclass
class SeriesActions:
    """What the series page offers the user besides the list of meetings."""

    may_manage: bool
    may_register: bool
    colleagues: list[User]
    upcoming: int


def series_actions_for(*, user, series: Series, meetings: list[Event]) -> SeriesActions:
    """What the series page offers, from the meetings it lists (those the user sees): one
    query for the series the user runs; a school leader's colleagues come from the
    registration form's cache (colleagues_shown_to)."""
    now = timezone.now()
    upcoming = (
        [event for event in meetings if event.is_published and event.starts_at > now]
        if user.is_authenticated
        else []
    )
    colleagues = colleagues_shown_to(user=user, event=upcoming[0]) if upcoming else []
    may_manage = can_manage_series(user, series)
    return SeriesActions(
        may_manage=may_manage,
        # Whoever sees an upcoming meeting may register for it, as on a meeting's page;
        # the page does not offer it to those who only run the series (a facilitator, a
        # coordinator), unless they belong to a school and take part as well.
        may_register=bool(upcoming) and (bool(roles_of(user).school_ids) or not may_manage),
        colleagues=colleagues,
        upcoming=len(upcoming),
    )
