"""Date polls: coordinators offer dates, members answer, the chosen date becomes the event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import selectors, services
from events.forms import DatePollForm, DatePollOptionFormSet, DatePollVoteForm
from events.models import DatePoll
from events.rules import can_close_poll
from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error


@login_required
@require_GET
def poll_list(request):
    polls = list(selectors.poll_list_for(request.user))
    may_create = bool(selectors.networks_coordinated_by(request.user).exists())
    return render(request, "events/poll_list.html", {"polls": polls, "may_create": may_create})


@login_required
@require_http_methods(["GET", "POST"])
def poll_create(request):
    formats = [f for f in selectors.formats_manageable_by(request.user) if f.network_id]
    if not formats and not selectors.networks_coordinated_by(request.user).exists():
        raise PermissionDenied
    format_id = request.GET.get("format", "")
    fmt = next((f for f in formats if str(f.pk) == format_id), None)
    if fmt is None:
        if format_id:
            raise Http404
        return render(
            request, "events/event_choose_format.html", {"formats": formats, "poll": True}
        )
    with timezone.override(fmt.network.tzinfo):
        form = DatePollForm(request.POST or None, initial={"title": fmt.name})
        options = DatePollOptionFormSet(
            request.POST or None,
            prefix="options",
            default_duration=fmt.default_duration,
            form_kwargs={"schools": selectors.network_schools(fmt.network)},
        )
        if request.method == "POST" and form.is_valid() and options.is_valid():
            try:
                poll = services.date_poll_create(
                    actor=request.user,
                    format=fmt,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    options=options.options(),
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The date poll is open."))
                return redirect("events:poll_detail", pk=poll.pk)
        return render(
            request, "events/poll_form.html", {"form": form, "options": options, "format": fmt}
        )


def _detail(request, poll: DatePoll, *, vote_form=None, status=200):
    matrix = selectors.poll_matrix(poll, user=request.user)
    if vote_form is None:
        vote_form = DatePollVoteForm(options=matrix.options, own=matrix.own)
    rows = [(option, vote_form[f"o{option.pk}"]) for option in matrix.options]
    return render(
        request,
        "events/poll_detail.html",
        {
            "poll": poll,
            "matrix": matrix,
            "vote_rows": rows,
            "vote_form": vote_form,
            "columns": list(zip(matrix.options, matrix.totals, strict=True)),
            "can_close": poll.is_open and can_close_poll(request.user, poll),
        },
        status=status,
    )


@login_required
@require_GET
def poll_detail(request, pk: int):
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    return _detail(request, poll)


@login_required
@require_POST
def poll_vote(request, pk: int):
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    matrix = selectors.poll_matrix(poll, user=request.user)
    form = DatePollVoteForm(request.POST, options=matrix.options, own=matrix.own)
    if form.is_valid():
        flash_service_call(
            request,
            lambda: services.date_poll_vote(actor=request.user, poll=poll, answers=form.answers()),
            success=_("Thank you: your answers are saved."),
        )
        return redirect("events:poll_detail", pk=poll.pk)
    return _detail(request, poll, vote_form=form, status=400)


@login_required
@require_POST
def poll_close(request, pk: int):
    poll = selectors.poll_get_for_user(user=request.user, pk=pk)
    if not can_close_poll(request.user, poll):
        raise PermissionDenied
    option_id = request.POST.get("option", "")
    if not option_id.isdigit():
        # No date chosen is a malformed form, not an unknown object.
        return HttpResponseBadRequest()
    option = get_object_or_404(poll.options, pk=int(option_id))
    try:
        event = services.date_poll_close(actor=request.user, poll=poll, option=option)
    except ValidationError as error:
        flash_service_error(request, error)
        return redirect("events:poll_detail", pk=poll.pk)
    messages.success(request, _("The date is fixed and everyone who answered is told."))
    return redirect("events:detail", pk=event.pk)
