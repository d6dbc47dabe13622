"""A series as a whole: adding a meeting, registering for all meetings at once, the
attendance across the meetings, a date poll for one meeting. Open to the network's
coordinators and to a coalition's facilitator and leads for the coalition's series."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import selectors, series_selectors
from events.forms import DatePollForm, DatePollOptionFormSet, EventForm
from events.rules import can_manage_event, can_manage_series
from events.series_forms import SeriesRegistrationForm
from events.services import date_poll_create
from events.services.series_meetings import series_meeting_create, series_register
from qnet.feedback import flash_service_error, form_add_service_error


def _managed_series(request, pk: int):
    """404 unless the user sees a meeting of the series, 403 unless they run it."""
    series = series_selectors.series_get_visible(user=request.user, pk=pk)
    if not can_manage_series(request.user, series):
        raise PermissionDenied
    return series


@login_required
@require_http_methods(["GET", "POST"])
def series_meeting_new(request, pk: int):
    series = _managed_series(request, pk)
    fmt = series.format
    with timezone.override(series.network.tzinfo):
        form = EventForm(
            request.POST or None,
            schools=selectors.network_schools(series.network),
            default_duration=fmt.default_duration,
            initial={
                "title": f"{series.title} {series.size + 1}",
                "capacity": fmt.default_capacity,
                "seats_per_school": fmt.seats_per_school,
                "audience": "coalition" if series_selectors.is_group_series(series) else "network",
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                event = series_meeting_create(
                    actor=request.user, series=series, **form.service_fields()
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The meeting is saved as a draft."))
                return redirect("events:detail", pk=event.pk)
        return render(
            request,
            "events/series_meeting_form.html",
            {"form": form, "format": fmt, "series": series},
        )


@login_required
@require_POST
def series_register_all(request, pk: int):
    series = series_selectors.series_get_visible(user=request.user, pk=pk)
    colleagues = series_selectors.series_colleagues(user=request.user, series=series)
    data = request.POST.copy()
    data.setdefault("person", str(request.user.pk))
    form = SeriesRegistrationForm(data, user=request.user, colleagues=colleagues)
    if not form.is_valid():
        # Someone who is not the user's colleague: not theirs to register.
        raise PermissionDenied
    try:
        result = series_register(actor=request.user, series=series, person=form.chosen())
    except ValidationError as error:
        flash_service_error(request, error)
        return redirect("events:series_detail", pk=series.pk)
    name = form.chosen()
    if result.confirmed:
        messages.success(
            request,
            ngettext(
                "%(name)s is registered for %(count)d meeting.",
                "%(name)s is registered for %(count)d meetings.",
                len(result.confirmed),
            )
            % {"name": name, "count": len(result.confirmed)},
        )
    if result.waitlisted:
        messages.warning(
            request,
            _("Full, so %(name)s is on the waiting list: %(meetings)s.")
            % {"name": name, "meetings": ", ".join(e.title for e in result.waitlisted)},
        )
    if result.already and not result.registered:
        messages.info(
            request, _("%(name)s was registered for these meetings already.") % {"name": name}
        )
    for event, reason in result.refused:
        messages.error(request, f"{event.title}: {reason}")
    return redirect("events:series_detail", pk=series.pk)


@login_required
@require_GET
def series_attendance(request, pk: int):
    series = _managed_series(request, pk)
    overview = series_selectors.series_attendance(series)
    return render(
        request,
        "events/series_attendance.html",
        {"series": series, "overview": overview},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_poll_new(request, pk: int):
    """A date poll about this meeting: closing it moves the meeting."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    if event.network_id is None or event.is_cancelled:
        raise PermissionDenied
    fmt = event.format
    with timezone.override(event.tzinfo):
        form = DatePollForm(request.POST or None, initial={"title": event.title})
        options = DatePollOptionFormSet(
            request.POST or None,
            prefix="options",
            default_duration=event.ends_at - event.starts_at,
            form_kwargs={"schools": selectors.network_schools(event.network)},
        )
        if request.method == "POST" and form.is_valid() and options.is_valid():
            try:
                poll = date_poll_create(
                    actor=request.user,
                    format=fmt,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    options=options.options(),
                    event=event,
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The date poll is open."))
                return redirect("events:poll_detail", pk=poll.pk)
        return render(
            request,
            "events/poll_form.html",
            {"form": form, "options": options, "format": fmt, "event": event},
        )
