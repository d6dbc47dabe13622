"""What members see and do: the event list and month, an event, registering, calendars."""

import calendar
import functools
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import ics, selectors, services
from events.forms import (
    AgendaProposalForm,
    ApologyForm,
    KindFilterForm,
    MonthForm,
    RegistrationForm,
)
from events.models import Attachment, Event, Registration
from events.rules import can_manage_event, can_manage_format
from qnet import bounds, caching
from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error
from qnet.rules import roles_of

PAGE_SIZE = 20


def _kind(request) -> str:
    form = KindFilterForm(request.GET)
    return form.cleaned_data["kind"] if form.is_valid() else ""


def _may_create(user) -> bool:
    roles = roles_of(user)
    return bool(roles.coordinator_network_ids)


@login_required
@require_GET
def event_list(request):
    if request.GET.get("view") == "month":
        return event_month(request)
    kind = _kind(request)
    page = Paginator(
        selectors.upcoming_event_keys_for(request.user, kind=kind), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    # Which events a person sees is asked of the database every time. A row is the same
    # for everyone with the same registration state, and twenty rows rendered cost more
    # than the rest of the page, so they are kept by event and state (no permission
    # decides what a row shows; one's state is part of the key).
    rows = caching.shared_html(
        request,
        "event-rows",
        "events/_event_rows.html",
        *keys,
        depends_on=selectors.EVENT_ROW_DEPENDS_ON,
        context=lambda: {"events": selectors.events_in_order(keys)},
    )
    return render(
        request,
        "events/list.html",
        {
            "page": page,
            "rows": rows,
            **_list_header(request, kind=kind),
            "query": urlencode({"kind": kind}) if kind else "",
        },
    )


def _list_header(request, *, kind: str, month_value: str = "") -> dict:
    """Title, buttons and the format filter of the list and the month."""
    return {
        "filter_form": KindFilterForm(initial={"kind": kind}),
        "kind": kind,
        "month_value": month_value,
        "may_create": _may_create(request.user),
    }


def _month_of(request) -> date:
    """The month asked for, or this one. A month outside the years events may have is
    no page (404): near the year 1 or 9999 its neighbours are not even dates."""
    form = MonthForm(request.GET)
    if not form.is_valid() or not form.cleaned_data["month"]:
        return timezone.localdate().replace(day=1)
    year, month = map(int, form.cleaned_data["month"].split("-"))
    if not bounds.EARLIEST_YEAR <= year <= bounds.LATEST_YEAR:
        raise Http404
    return date(year, month, 1)


@login_required
@require_GET
def event_month(request):
    kind = _kind(request)
    first = _month_of(request)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    tz = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], datetime.min.time(), tzinfo=tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    events = list(selectors.events_between(request.user, start=start, end=end, kind=kind))
    by_day: dict[date, list[Event]] = {}
    for event in events:
        day = event.starts_at.astimezone(event.tzinfo).date()
        by_day.setdefault(day, []).append(event)
    grid = [[(day, by_day.get(day, [])) for day in week] for week in weeks]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)

    def month_query(month: date) -> str:
        if not bounds.EARLIEST_YEAR <= month.year <= bounds.LATEST_YEAR:
            return ""  # the edge of the calendar: no link further
        params = {"month": month.strftime("%Y-%m")}
        if kind:
            params["kind"] = kind
        return urlencode(params)

    return render(
        request,
        "events/month.html",
        {
            "first": first,
            "grid": grid,
            "days": [
                day for week in grid for day in week if day[1] and day[0].month == first.month
            ],
            "weekdays": [weeks[0][index] for index in range(7)],
            "previous_query": month_query(previous),
            "next_query": month_query(following),
            **_list_header(request, kind=kind, month_value=first.strftime("%Y-%m")),
        },
    )


def _visible_event_or_login(request, pk: int) -> Event | HttpResponse:
    """Anonymous people may open public events; anything else asks them to sign in."""
    try:
        return selectors.event_get_for_user(user=request.user, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise


def detail_context(
    request,
    page: selectors.EventPage,
    *,
    scope: selectors.EventScope | None = None,
    form=None,
    apology_form=None,
    proposal_form=None,
) -> dict:
    user = request.user
    event = page.event
    registration = selectors.registration_on_page(user=user, page=page, scope=scope)
    manager = can_manage_event(user, event)
    now = timezone.now()
    registration_open = (
        event.is_published
        and event.starts_at > now
        and (event.registration_opens_at is None or event.registration_opens_at <= now)
        and (event.registration_closes_at is None or now < event.registration_closes_at)
    )
    # Only the registration form offers colleagues and workshops.
    colleagues = (
        selectors.colleagues_shown_to(user=user, event=event, scope=scope)
        if user.is_authenticated and registration_open
        else []
    )
    counts = functools.cache(lambda: selectors.event_counts(event))
    if form is None and user.is_authenticated and registration_open:
        form = RegistrationForm(
            user=user, colleagues=colleagues, agenda=page.agenda, include_self=registration is None
        )
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    # Asked only of an event with files.
    gets_files = bool(page.attachments) and (
        manager or registration is not None or selectors.is_participant(user=user, event=event)
    )
    show_online_url = bool(event.online_url) and (confirmed or manager)
    minutes = page.minutes
    form = form if user.is_authenticated and (registration_open or form) else None
    # When, where, what, the agenda and the seats: the same for everyone who may see the
    # event, and most of the page's time (the agenda with its seats, the description).
    # Files, the online link and the minutes depend on who asks and are not kept.
    facts = caching.shared_html(
        request,
        "event-facts",
        "events/_detail_facts.html",
        event.pk,
        depends_on=selectors.EVENT_FACTS_DEPENDS_ON,
        context=lambda: {
            "event": event,
            "agenda": page.agenda,
            "speakers": [
                guest for guest in selectors.guests_of(event) if guest.status == "accepted"
            ],
            "counts": counts(),
        },
    )
    return {
        "event": event,
        "facts": facts,
        "attachments": page.attachments if gets_files else [],
        # The minutes' editor (managers) gets the draft too; the facts show final ones.
        "minutes": minutes if manager else None,
        "shown_minutes": minutes if minutes and (minutes.is_final or manager) else None,
        # Only the registration box asks (whether the event is full).
        "counts": counts,
        "show_online_url": show_online_url,
        "registration": registration,
        "waitlist_position": selectors.waitlist_position(registration) if registration else None,
        "can_manage": manager,
        "form": form,
        "registration_open": registration_open,
        "may_register_colleagues": bool(colleagues),
        "apology_form": apology_form or ApologyForm(),
        "proposal_form": proposal_form or AgendaProposalForm(),
        "cancel_deadline_passed": event.cancellation_deadline is not None
        and now > event.cancellation_deadline,
        "is_over": event.ends_at <= now,
        "started": event.starts_at <= now,
    }


def _detail_again(request, event: Event, **forms) -> HttpResponse:
    """The event page with a form that was not accepted, read afresh."""
    page = selectors.event_page_read(event)
    return render(request, "events/detail.html", detail_context(request, page, **forms), status=400)


@require_GET
def event_detail(request, pk: int):
    try:
        page, scope = selectors.event_page_for_user(user=request.user, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    return render(request, "events/detail.html", detail_context(request, page, scope=scope))


@login_required
@require_POST
def event_register(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    agenda = selectors.agenda_of(event)
    colleagues = selectors.colleagues_registrable_by(user=request.user, event=event)
    allowed = {str(request.user.pk)} | {str(person.pk) for person in colleagues}
    if request.POST.get("person", str(request.user.pk)) not in allowed:
        raise PermissionDenied
    data = request.POST.copy()
    data.setdefault("person", str(request.user.pk))
    form = RegistrationForm(data, user=request.user, colleagues=colleagues, agenda=agenda)
    if form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user,
                event=event,
                person=form.cleaned_data["person"],
                workshops=list(form.cleaned_data.get("workshops") or []),
                notes=form.cleaned_data["notes"],
                dietary_notes=form.cleaned_data["dietary_notes"],
                accessibility_notes=form.cleaned_data["accessibility_notes"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _("%(name)s is registered. A confirmation is on its way by mail.")
                    % {"name": registration.person},
                )
            else:
                messages.warning(
                    request,
                    _("The event is full: %(name)s is on the waiting list.")
                    % {"name": registration.person},
                )
            return redirect("events:detail", pk=event.pk)
    return _detail_again(request, event, form=form)


def _registration_to_change(request, event: Event) -> Registration:
    """The person's own registration, or (by id) one a leader or coordinator may change."""
    registration_id = request.POST.get("registration")
    if not registration_id:
        registration = selectors.registration_of(user=request.user, event=event)
        if registration is None:
            raise Http404
        return registration
    if not registration_id.isdigit():
        raise Http404
    registration = get_object_or_404(
        Registration.objects.select_related("person"),
        pk=int(registration_id),
        event=event,
        status__in=Registration.ACTIVE,
    )
    own = registration.person_id == request.user.pk
    leader = registration.school_id in roles_of(request.user).leader_school_ids
    if not (own or leader or can_manage_event(request.user, event)):
        raise PermissionDenied
    return registration


@login_required
@require_POST
def registration_cancel(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    registration = _registration_to_change(request, event)
    flash_service_call(
        request,
        lambda: services.registration_cancel(actor=request.user, registration=registration),
        success=_("The registration of %(name)s is cancelled.") % {"name": registration.person},
    )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def registration_excuse(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    registration = _registration_to_change(request, event)
    form = ApologyForm(request.POST)
    if form.is_valid():
        try:
            services.registration_excuse(
                actor=request.user,
                registration=registration,
                apology=form.cleaned_data["apology"],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Your apology is noted. Thank you for letting us know."))
            return redirect("events:detail", pk=event.pk)
    else:
        return _detail_again(request, event, apology_form=form)
    return redirect("events:detail", pk=event.pk)


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_calendar(request, pk: int):
    event = _visible_event_or_login(request, pk)
    if isinstance(event, HttpResponse):
        return event
    registration = selectors.registration_of(user=request.user, event=event)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    online = {event.pk} if confirmed or can_manage_event(request.user, event) else set()
    return ics_response(
        ics.calendar_bytes([event], name=event.title, online_url_for=online),
        f"event-{event.pk}.ics",
    )


@login_required
@require_GET
def series_detail(request, pk: int):
    series, events = selectors.series_get_for_user(user=request.user, pk=pk)
    has_drafts = any(event.status == Event.Status.DRAFT for event in events)
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "events": events,
            "can_publish": has_drafts and can_manage_format(request.user, series.format),
        },
    )


@login_required
@require_GET
def series_calendar(request, pk: int):
    series, events = selectors.series_get_for_user(user=request.user, pk=pk)
    confirmed = set(
        Registration.objects.filter(
            person=request.user,
            status=Registration.Status.CONFIRMED,
            event__in=[event.pk for event in events],
        ).values_list("event_id", flat=True)
    )
    managed = {event.pk for event in events if can_manage_event(request.user, event)}
    return ics_response(
        ics.calendar_bytes(events, name=series.title, online_url_for=confirmed | managed),
        f"series-{series.pk}.ics",
    )


# --- the personal calendar feed ------------------------------------------------------


@login_required
@require_GET
def feed_manage(request):
    feed = selectors.calendar_feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("events:feed", args=[feed.token])) if feed else None
    )
    roles = roles_of(request.user)
    return render(
        request,
        "events/feed.html",
        {
            "feed": feed,
            "feed_url": feed_url,
            # Those who run events get those in their feed too (selectors.feed_events).
            "organiser": bool(roles.coordinator_network_ids or roles.authority_ids),
        },
    )


@login_required
@require_POST
def feed_create(request):
    services.calendar_feed_create(user=request.user)
    messages.success(
        request, _("Your new calendar address is ready. Earlier addresses stop working.")
    )
    return redirect("events:feed_manage")


@login_required
@require_POST
def feed_revoke(request):
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("events:feed_manage")


@require_GET
def feed(request, token: str):
    """The secret address is the credential: calendar apps cannot sign in."""
    found = selectors.feed_events(token=token)
    if found is None:
        raise Http404
    feed_row, events = found
    return ics_response(
        ics.calendar_bytes(
            events, name=_("qnet events"), online_url_for={event.pk for event in events}
        ),
        "qnet.ics",
    )


# --- guests answering an invitation --------------------------------------------------


@require_http_methods(["GET", "POST"])
def guest_respond(request, token: str):
    """The emailed link is the guest's only credential: they have no account."""
    guest = selectors.guest_by_token(token)
    if guest is None:
        raise Http404
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return HttpResponseBadRequest()
        try:
            guest = services.guest_respond(guest=guest, accept=answer == "accept")
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
        return redirect("events:guest_respond", token=token)
    return render(request, "events/guest_respond.html", {"guest": guest, "event": guest.event})


@login_required
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    """Files are for the people taking part and the coordinators, and always downloaded."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, event=event)
    if not (
        can_manage_event(request.user, event)
        or selectors.is_participant(user=request.user, event=event)
    ):
        raise PermissionDenied
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def proposal_create(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    form = AgendaProposalForm(request.POST)
    if form.is_valid():
        flash_service_call(
            request,
            lambda: services.agenda_proposal_create(
                actor=request.user, event=event, **form.cleaned_data
            ),
            success=_("Thank you: the coordinators will see your proposal."),
        )
        return redirect("events:detail", pk=event.pk)
    return _detail_again(request, event, proposal_form=form)
