"""A coalition's own meetings: inviting its member schools to them in one step. The
meetings themselves are events' pages (the series, each meeting, the attendance)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from events.rules import can_manage_series
from qnet.feedback import flash_service_error

from .. import selectors, services


@login_required
@require_POST
def meetings_invite(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    if coalition.series_id is None or not can_manage_series(request.user, coalition.series):
        raise PermissionDenied
    try:
        changed = services.coalition_schools_invite(actor=request.user, coalition=coalition)
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "The member schools are invited to %(count)d meeting.",
                "The member schools are invited to %(count)d meetings.",
                changed,
            )
            % {"count": changed},
        )
    return redirect("coalitions:detail", pk=coalition.pk)
