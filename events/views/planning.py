"""Planning a series and its agendas: changing and reordering agenda items, one agenda for
all meetings of a series, publishing a whole series."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from events import selectors, services
from events.forms import AgendaItemForm
from events.models import AgendaItem
from events.rules import can_manage_format
from events.views.manage import _managed_event
from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error

MOVES = {"earlier": True, "later": False}


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk: int, item_pk: int):
    event = _managed_event(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, event=event)
    with timezone.override(event.tzinfo):
        form = AgendaItemForm(
            request.POST or None,
            initial={name: getattr(item, name) for name in AgendaItemForm.base_fields},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.agenda_item_update(actor=request.user, item=item, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The agenda item is saved."))
                return redirect("events:agenda", pk=event.pk)
        return render(
            request, "events/agenda_item_form.html", {"event": event, "item": item, "form": form}
        )


@login_required
@require_POST
def agenda_item_move(request, pk: int, item_pk: int):
    event = _managed_event(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, event=event)
    direction = request.POST.get("direction")
    if direction not in MOVES:
        return HttpResponseBadRequest()
    flash_service_call(
        request,
        lambda: services.agenda_item_move(actor=request.user, item=item, earlier=MOVES[direction]),
        success=_("The agenda is reordered."),
    )
    # Back to the row that moved, so a keyboard user goes on from where they were.
    return redirect(f"{reverse('events:agenda', args=[event.pk])}#item-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def agenda_copy_to_series(request, pk: int):
    """A confirmation page that says what the copy replaces, then the copy."""
    event = _managed_event(request, pk)
    if request.method == "POST":
        try:
            targets = services.series_agenda_copy(actor=request.user, event=event)
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("events:agenda_copy", pk=event.pk)
        messages.success(
            request,
            ngettext(
                "The agenda is copied to %(count)s meeting.",
                "The agenda is copied to %(count)s meetings.",
                len(targets),
            )
            % {"count": len(targets)},
        )
        return redirect("events:agenda", pk=event.pk)
    agenda = selectors.agenda_of(event)
    targets = selectors.series_agenda_targets(event)
    misfits = {target.pk for target in selectors.agenda_misfits(event, agenda, targets)}
    for target in targets:
        target.misfit = target.pk in misfits
    return render(
        request,
        "events/agenda_copy.html",
        {"event": event, "agenda": agenda, "targets": targets, "misfits": misfits},
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_publish(request, pk: int):
    """A confirmation page listing the drafts, then all of them published at once."""
    series, _events = selectors.series_get_for_user(user=request.user, pk=pk)
    if not can_manage_format(request.user, series.format):
        raise PermissionDenied
    if request.method == "POST":
        try:
            published = services.series_publish(actor=request.user, series=series)
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s meeting is published.",
                    "%(count)s meetings are published.",
                    len(published),
                )
                % {"count": len(published)},
            )
        return redirect("events:series_detail", pk=series.pk)
    return render(
        request,
        "events/series_publish.html",
        {"series": series, "drafts": selectors.series_drafts(series)},
    )
