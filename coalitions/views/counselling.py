"""Counselling requests: schools ask, coordinators assign advisers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.feedback import flash_service_error, form_add_service_error
from qnet.rules import roles_of

from .. import rules as crules
from .. import selectors, services
from ..forms import AssignForm, CounsellingRequestForm, StatusForm
from ..models import CounsellingRequest
from ._helpers import require

PER_PAGE = 25


@login_required
@require_GET
def counselling_list(request):
    status = request.GET.get("status", "")
    requests = selectors.counselling_requests_visible_to(request.user).order_by("-created_at")
    if status in CounsellingRequest.Status.values:
        requests = requests.filter(status=status)
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "coalitions/counselling_list.html",
        {
            "page": page,
            "status": status,
            "statuses": CounsellingRequest.Status.choices,
            "query": f"status={status}" if status else "",
            "can_create": bool(roles_of(request.user).leader_school_ids),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def counselling_create(request):
    schools = selectors.schools_that_may_ask_for_counselling(request.user)
    if not schools:
        raise PermissionDenied
    form = CounsellingRequestForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school"]
        network = selectors.counselling_network_of(school)
        try:
            counselling = services.counselling_request_create(
                actor=request.user,
                network=network,
                school=school,
                topic=form.cleaned_data["topic"],
                kind=form.cleaned_data["kind"],
                preferred_dates=form.cleaned_data["preferred_dates"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Your request was sent to the network's coordinators."))
            return redirect("coalitions:counselling_detail", request_pk=counselling.pk)
    return render(request, "coalitions/counselling_form.html", {"form": form})


@login_required
@require_GET
def counselling_detail(request, request_pk: int):
    counselling = selectors.counselling_request_get_for_user(user=request.user, pk=request_pk)
    may_handle = crules.may_handle_counselling_request(request.user, counselling)
    context = {"counselling": counselling, "may_handle": may_handle}
    if may_handle:
        context["assign_form"] = AssignForm(
            advisers=selectors.adviser_choices(counselling.network),
            initial={"adviser": counselling.adviser_id, "notes": counselling.notes},
            prefix="assign",
        )
        context["status_form"] = StatusForm(
            initial={"status": counselling.status, "notes": counselling.notes}, prefix="status"
        )
    return render(request, "coalitions/counselling_detail.html", context)


@login_required
@require_POST
def counselling_assign(request, request_pk: int):
    counselling = selectors.counselling_request_get_for_user(user=request.user, pk=request_pk)
    require(crules.may_handle_counselling_request, request.user, counselling)
    form = AssignForm(
        request.POST, advisers=selectors.adviser_choices(counselling.network), prefix="assign"
    )
    if not form.is_valid():
        messages.error(request, _("Choose an adviser."))
    else:
        try:
            services.counselling_request_assign(
                actor=request.user,
                request=counselling,
                adviser=form.cleaned_data["adviser"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("The adviser was assigned."))
    return redirect("coalitions:counselling_detail", request_pk=counselling.pk)


@login_required
@require_POST
def counselling_status(request, request_pk: int):
    counselling = selectors.counselling_request_get_for_user(user=request.user, pk=request_pk)
    require(crules.may_handle_counselling_request, request.user, counselling)
    form = StatusForm(request.POST, prefix="status")
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
    else:
        try:
            services.counselling_request_status_change(
                actor=request.user,
                request=counselling,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("The status was changed."))
    return redirect("coalitions:counselling_detail", request_pk=counselling.pk)
