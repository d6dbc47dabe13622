"""What coordinators do: formats, events, series, agenda, participants, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import selectors, services
from events.forms import (
    ActionItemFormSet,
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CopyForm,
    EventForm,
    FormatForm,
    GuestInviteForm,
    MinutesForm,
    ParticipantsMailForm,
    SeriesForm,
)
from events.models import AgendaItem, AgendaProposal, Attachment, Event, Registration
from events.rules import can_manage_event, can_manage_format
from qnet import caching
from qnet.exports import csv_response
from qnet.feedback import flash_service_call, form_add_service_error
from qnet.models import Role

PARTICIPANTS_PER_PAGE = 50


def _managed_event(request, pk: int) -> Event:
    """404 outside the scope, 403 for an event one may see but not run."""
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    return event


# --- formats -----------------------------------------------------------------------


@login_required
@require_GET
def format_list(request):
    formats = list(selectors.formats_manageable_by(request.user))
    if not formats and not selectors.networks_coordinated_by(request.user).exists():
        raise PermissionDenied
    return render(request, "events/format_list.html", {"formats": formats})


@login_required
@require_http_methods(["GET", "POST"])
def format_create(request):
    networks = selectors.networks_coordinated_by(request.user)
    if not networks.exists():
        raise PermissionDenied
    form = FormatForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        try:
            services.format_create(
                actor=request.user, network=form.cleaned_data["network"], **form.service_fields()
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The format is saved."))
            return redirect("events:format_list")
    return render(request, "events/format_form.html", {"form": form, "format": None})


@login_required
@require_http_methods(["GET", "POST"])
def format_edit(request, pk: int):
    fmt = selectors.format_get_for_manager(user=request.user, pk=pk)
    initial = {
        "kind": fmt.kind,
        "name": fmt.name,
        "description": fmt.description,
        "duration_minutes": int(fmt.default_duration.total_seconds() // 60),
        "cadence": fmt.cadence,
        "default_capacity": fmt.default_capacity,
        "seats_per_school": fmt.seats_per_school,
    }
    form = FormatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.format_update(actor=request.user, fmt=fmt, **form.service_fields())
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The format is saved."))
            return redirect("events:format_list")
    return render(request, "events/format_form.html", {"form": form, "format": fmt})


# --- events ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    formats = list(selectors.formats_manageable_by(request.user))
    if not formats and not selectors.networks_coordinated_by(request.user).exists():
        raise PermissionDenied
    format_id = request.GET.get("format", "")
    fmt = next((f for f in formats if str(f.pk) == format_id), None)
    if fmt is None:
        if format_id:
            raise Http404
        return render(request, "events/event_choose_format.html", {"formats": formats})
    schools = selectors.schools_offered(fmt)
    with timezone.override(fmt.network.tzinfo if fmt.network_id else None):
        form = EventForm(
            request.POST or None,
            schools=schools,
            default_duration=fmt.default_duration,
            initial={
                "title": fmt.name,
                "capacity": fmt.default_capacity,
                "seats_per_school": fmt.seats_per_school,
                "audience": "network",
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                event = services.event_create(
                    actor=request.user, format=fmt, **form.service_fields()
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The event is saved as a draft."))
                return redirect("events:detail", pk=event.pk)
        return render(request, "events/event_form.html", {"form": form, "format": fmt})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = _managed_event(request, pk)
    schools = selectors.schools_offered(event)
    with timezone.override(event.tzinfo):
        form = EventForm(
            request.POST or None,
            schools=schools,
            default_duration=event.ends_at - event.starts_at,
            initial=EventForm.initial_from_event(event),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.event_update(actor=request.user, event=event, **form.service_fields())
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The event is saved."))
                return redirect("events:detail", pk=event.pk)
        return render(
            request,
            "events/event_form.html",
            {"form": form, "format": event.format, "event": event},
        )


@login_required
@require_POST
def event_publish(request, pk: int):
    event = _managed_event(request, pk)
    flash_service_call(
        request,
        lambda: services.event_publish(actor=request.user, event=event),
        success=_("The event is published."),
    )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def event_cancel(request, pk: int):
    event = _managed_event(request, pk)
    flash_service_call(
        request,
        lambda: services.event_cancel(actor=request.user, event=event),
        success=_("The event is cancelled. Everyone registered is told."),
    )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_copy(request, pk: int):
    event = _managed_event(request, pk)
    # A copy is a new event of the format: the format's manager's, not a facilitator's
    # who runs one coalition's series (events.groups).
    if not can_manage_format(request.user, event.format):
        raise PermissionDenied
    with timezone.override(event.tzinfo):
        form = CopyForm(request.POST or None, initial={"starts_at": event.starts_at})
        if request.method == "POST" and form.is_valid():
            try:
                copy = services.event_copy(
                    actor=request.user, event=event, starts_at=form.cleaned_data["starts_at"]
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The copy is saved as a draft."))
                return redirect("events:detail", pk=copy.pk)
        return render(request, "events/event_copy.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request):
    formats = [f for f in selectors.formats_manageable_by(request.user) if f.network_id]
    if not formats and not selectors.networks_coordinated_by(request.user).exists():
        raise PermissionDenied
    format_id = request.GET.get("format", "")
    fmt = next((f for f in formats if str(f.pk) == format_id), None)
    if fmt is None:
        if format_id:
            raise Http404
        return render(
            request, "events/event_choose_format.html", {"formats": formats, "series": True}
        )
    with timezone.override(fmt.network.tzinfo):
        form = SeriesForm(
            request.POST or None,
            schools=selectors.network_schools(fmt.network),
            initial={"title": fmt.name},
        )
        if request.method == "POST" and form.is_valid():
            try:
                series = services.series_create(
                    actor=request.user,
                    format=fmt,
                    title=form.cleaned_data["title"],
                    starts=form.starts(),
                    host_schools=form.host_rotation(),
                    venue_name=form.cleaned_data["venue_name"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The series is saved; its meetings are drafts."))
                return redirect("events:series_detail", pk=series.pk)
        return render(request, "events/series_form.html", {"form": form, "format": fmt})


# --- agenda ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request, pk: int):
    event = _managed_event(request, pk)
    agenda = selectors.agenda_of(event)
    starts_at, ends_at = selectors.agenda_next_slot(event, agenda)
    with timezone.override(event.tzinfo):
        form = AgendaItemForm(
            request.POST or None, initial={"starts_at": starts_at, "ends_at": ends_at}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.agenda_item_create(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The agenda item is added."))
                return redirect("events:agenda", pk=event.pk)
        return render(
            request,
            "events/agenda.html",
            {
                "event": event,
                "agenda": selectors.agenda_rows(agenda),
                "form": form,
                "proposals": selectors.proposals_of(event),
                "copyable": bool(agenda) and bool(event.series_id),
            },
        )


@login_required
@require_POST
def agenda_item_delete(request, pk: int, item_pk: int):
    event = _managed_event(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, event=event)
    item.event = event
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("The agenda item is removed."))
    return redirect("events:agenda", pk=event.pk)


@login_required
@require_POST
def proposal_decide(request, pk: int, proposal_pk: int):
    event = _managed_event(request, pk)
    proposal = get_object_or_404(AgendaProposal, pk=proposal_pk, event=event)
    proposal.event = event
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        return HttpResponseBadRequest()
    services.agenda_proposal_decide(
        actor=request.user, proposal=proposal, accept=answer == "accept"
    )
    messages.success(request, _("The proposal is answered."))
    return redirect("events:agenda", pk=event.pk)


# --- minutes ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, pk: int):
    event = _managed_event(request, pk)
    minutes = selectors.minutes_of(event)
    if minutes is not None and minutes.is_final:
        messages.info(request, _("The minutes are final and can no longer be changed."))
        return redirect("events:detail", pk=event.pk)
    form = MinutesForm(
        request.POST or None,
        initial={"summary": minutes.summary, "decisions": minutes.decisions} if minutes else None,
    )
    items = ActionItemFormSet(
        request.POST or None,
        prefix="actions",
        initial=[
            {"description": item.description, "owner": item.owner, "due_on": item.due_on}
            for item in (minutes.action_items.all() if minutes else [])
        ],
    )
    if request.method == "POST" and form.is_valid() and items.is_valid():
        services.minutes_save(
            actor=request.user,
            event=event,
            summary=form.cleaned_data["summary"],
            decisions=form.cleaned_data["decisions"],
            action_items=items.items(),
        )
        messages.success(request, _("The draft minutes are saved."))
        return redirect("events:minutes", pk=event.pk)
    return render(
        request,
        "events/minutes_form.html",
        {"event": event, "form": form, "items": items, "minutes": minutes},
    )


@login_required
@require_POST
def minutes_finalise(request, pk: int):
    event = _managed_event(request, pk)
    if flash_service_call(
        request,
        lambda: services.minutes_finalise(actor=request.user, event=event),
        success=_("The minutes are final."),
    ):
        return redirect("events:detail", pk=event.pk)
    return redirect("events:minutes", pk=event.pk)


# --- attachments -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request, pk: int):
    event = _managed_event(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_create(
                actor=request.user,
                event=event,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The file is attached."))
            return redirect("events:attachments", pk=event.pk)
    return render(
        request,
        "events/attachments.html",
        {"event": event, "attachments": selectors.attachments_of(event), "form": form},
    )


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    event = _managed_event(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, event=event)
    attachment.event = event
    services.attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("The file is removed."))
    return redirect("events:attachments", pk=event.pk)


# --- guests ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def guests(request, pk: int):
    event = _managed_event(request, pk)
    form = GuestInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_invite(actor=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The invitation is on its way."))
            return redirect("events:guests", pk=event.pk)
    return render(
        request,
        "events/guests.html",
        {"event": event, "guests": selectors.guests_of(event), "form": form},
    )


# --- participants and attendance ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def participants_mail(request, pk: int):
    event = _managed_event(request, pk)
    form = ParticipantsMailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.event_participants_mail(
                actor=request.user, event=event, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Your message is on its way to %(count)s person.",
                    "Your message is on its way to %(count)s people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("events:participants", pk=event.pk)
    return render(
        request,
        "events/participants_mail.html",
        {"event": event, "form": form, "counts": selectors.event_counts(event)},
    )


def _roles_at_school(registration: Registration) -> str:
    if registration.person is None:
        return ""
    labels = {Role.SCHOOL_LEADER: _("School leader"), Role.SCHOOL_STAFF: _("School staff")}
    return ", ".join(
        str(labels[m.role])
        for m in registration.person.school_memberships
        if m.school_id == registration.school_id and m.role in labels
    )


@login_required
@require_GET
def participants(request, pk: int):
    if request.GET.get("format") == "csv":
        event = _managed_event(request, pk)
        guests = selectors.guests_of(event)
        registrations = list(selectors.participants_with_roles(event))
        for registration in registrations:
            registration.roles_label = _roles_at_school(registration)
        return _participants_csv(event, registrations, guests)
    # The event as its page keeps it (selectors.EventPage): the list is read often while
    # registrations come in, and reading the event with its relations cost the page more
    # than its kept body.
    event = selectors.event_page_for_user(user=request.user, pk=pk)[0].event
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    page_number = request.GET.get("page") or "1"

    def body_context() -> dict:
        # A forum of 400 people was one 126 KiB page; the CSV still holds everyone.
        page = Paginator(selectors.participants_with_roles(event), PARTICIPANTS_PER_PAGE)
        page = page.get_page(page_number)
        for registration in page.object_list:
            registration.roles_label = _roles_at_school(registration)
        return {
            "registrations": page.object_list,
            "page": page,
            "guests": selectors.guests_of(event),
            "counts": selectors.event_counts(event),
            "answers": selectors.audience_schools_without_answer(event),
        }

    # Only the people who run the event reach this page, and they all see the same list:
    # building it (fifty rows, their roles and workshops) was nearly all of its time.
    body = caching.shared_html(
        request,
        "participants",
        "events/_participants_body.html",
        event.pk,
        page_number,
        depends_on=selectors.PARTICIPANTS_DEPENDS_ON,
        context=body_context,
    )
    return render(request, "events/participants.html", {"event": event, "body": body})


def _participants_csv(event: Event, registrations, guests) -> HttpResponse:
    header = [
        _("Name"),
        _("Email"),
        _("School"),
        _("Role"),
        _("Status"),
        _("Workshops"),
        _("Notes"),
        _("Dietary requirements"),
        _("Accessibility needs"),
        _("Apology"),
        _("Attendance"),
    ]
    rows = [
        [
            registration.person.full_name
            if registration.person
            else registration.participant_label,
            registration.person.email if registration.person else "",
            registration.school.name if registration.school else "",
            registration.roles_label,
            registration.get_status_display(),
            "; ".join(item.title for item in registration.workshops.all()),
            registration.notes,
            registration.dietary_notes,
            registration.accessibility_notes,
            registration.apology,
            registration.get_attendance_display(),
        ]
        for registration in registrations
    ]
    rows += [
        [guest.display_name, guest.email, "", guest.get_role_display(), guest.get_status_display()]
        + [""] * 6
        for guest in guests
    ]
    return csv_response(filename=f"participants-{event.pk}.csv", header=header, rows=rows)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    event = _managed_event(request, pk)
    registrations = list(selectors.attendance_list(event))
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_mark(actor=request.user, event=event, marks=form.marks())
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return redirect("events:attendance", pk=event.pk)
    rows = [(registration, form[f"r{registration.pk}"]) for registration in registrations]
    return render(
        request,
        "events/attendance.html",
        {"event": event, "form": form, "rows": rows, "started": event.starts_at <= timezone.now()},
    )
