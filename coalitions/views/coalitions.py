"""Coalition list, page, editing and membership."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet import caching
from qnet.feedback import flash_service_error, form_add_service_error
from qnet.models import Network
from qnet.rules import roles_of

from .. import rules as crules
from .. import selectors, services
from ..forms import (
    CloseForm,
    CoalitionForm,
    DecisionForm,
    MemberAddForm,
    MemberRoleForm,
    MembershipRequestForm,
    NetworkChoiceForm,
    NotifyForm,
)
from ..models import Coalition
from ._helpers import require

COALITIONS_PER_PAGE = 24


@login_required
@require_GET
def coalition_list(request):
    kind = request.GET.get("kind", "")
    coordinated = roles_of(request.user).coordinator_network_ids
    page = Paginator(selectors.coalition_ids_for(request.user, kind=kind), COALITIONS_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    mine = crules.coalition_roles_of(request.user).keys()
    taking_part = [pk for pk in ids if pk in mine]

    def cards_context() -> dict:
        coalitions = selectors.coalitions_in_order(ids)
        for coalition in coalitions:
            coalition.taking_part = coalition.pk in mine
        return {"coalitions": coalitions}

    # Which coalitions one sees is asked of the database every time; the cards are the
    # same for everyone who takes part in the same ones of them.
    cards = caching.shared_html(
        request,
        "coalition-cards",
        "coalitions/_coalition_cards.html",
        ids,
        taking_part,
        depends_on=selectors.COALITION_CARD_DEPENDS_ON,
        context=cards_context,
    )
    return render(
        request,
        "coalitions/coalition_list.html",
        {
            "cards": cards if ids else "",
            "page": page,
            "query": urlencode({"kind": kind}) if kind else "",
            "kind": kind,
            "kinds": Coalition.Kind.choices,
            "can_create": bool(coordinated),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def coalition_create(request):
    networks = Network.objects.filter(pk__in=roles_of(request.user).coordinator_network_ids)
    if not networks:
        raise PermissionDenied
    network_form = NetworkChoiceForm(request.POST or None, networks=networks)
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and network_form.is_valid() and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in CoalitionForm.Meta.fields
            if name in form.cleaned_data
        }
        try:
            coalition = services.coalition_create(
                actor=request.user, network=network_form.cleaned_data["network"], **fields
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The coalition was created."))
            return redirect("coalitions:detail", pk=coalition.pk)
    return render(
        request,
        "coalitions/coalition_form.html",
        {"form": form, "network_form": network_form, "coalition": None},
    )


@login_required
@require_GET
def coalition_detail(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    page = selectors.coalition_page(request.user, coalition)
    user = request.user
    context = {
        "coalition": coalition,
        **page,
        "can_manage": crules.can_manage_coalition(user, coalition),
        "can_manage_members": crules.can_manage_members(user, coalition),
        "can_manage_content": crules.can_manage_content(user, coalition),
        "can_post": crules.can_post(user, coalition),
        "can_request": crules.can_request_membership(user, coalition),
        "own_request": None,
        "notify_form": None,
        "close_form": None,
    }
    if context["can_request"]:
        context["own_request"] = selectors.own_pending_request(user, coalition)
        context["request_form"] = MembershipRequestForm(
            schools=selectors.user_schools_in_network(user, coalition.network)
        )
    if page["my_member"] is not None:
        context["notify_form"] = NotifyForm(initial={"notify": page["my_member"].notify})
    if context["can_manage"] and coalition.status != Coalition.Status.CLOSED:
        context["close_form"] = CloseForm()
    return render(request, "coalitions/coalition_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def coalition_edit(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_manage_coalition, request.user, coalition)
    form = CoalitionForm(request.POST or None, instance=coalition)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in CoalitionForm.Meta.fields
            if name in form.cleaned_data
        }
        try:
            services.coalition_update(actor=request.user, coalition=coalition, **fields)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("coalitions:detail", pk=coalition.pk)
    return render(request, "coalitions/coalition_form.html", {"form": form, "coalition": coalition})


@login_required
@require_POST
def coalition_close(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_manage_coalition, request.user, coalition)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a short summary of the result."))
        return redirect("coalitions:detail", pk=pk)
    try:
        services.coalition_close(
            actor=request.user,
            coalition=coalition,
            result_summary=form.cleaned_data["result_summary"],
        )
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("The coalition is closed."))
    return redirect("coalitions:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_manage(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_manage_members, request.user, coalition)
    schools = selectors.network_schools(coalition.network)
    form = MemberAddForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        person = selectors.user_by_email(form.cleaned_data["email"])
        if person is None:
            form.add_error(
                "email",
                _("Nobody with this address has an account. Invite the person first."),
            )
        else:
            try:
                services.member_add(
                    actor=request.user,
                    coalition=coalition,
                    person=person,
                    school=form.cleaned_data["school"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("%(person)s was added.") % {"person": person})
                return redirect("coalitions:members", pk=pk)
    members = selectors.coalition_members(coalition)
    return render(
        request,
        "coalitions/member_manage.html",
        {
            "coalition": coalition,
            "form": form,
            "rows": [
                (m, MemberRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in members
            ],
            "pending_requests": list(selectors.pending_requests(coalition)),
        },
    )


@login_required
@require_POST
def member_role(request, pk: int, member_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    member = selectors.member_get(coalition=coalition, pk=member_pk)
    require(crules.can_manage_members, request.user, coalition)
    form = MemberRoleForm(request.POST, prefix=f"m{member.pk}")
    if form.is_valid():
        services.member_role_change(
            actor=request.user, member=member, role=form.cleaned_data["role"]
        )
        messages.success(
            request, _("The role of %(person)s was changed.") % {"person": member.person}
        )
    else:
        messages.error(request, _("Choose a role."))
    return redirect("coalitions:members", pk=pk)


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    member = selectors.member_get(coalition=coalition, pk=member_pk)
    require(crules.can_manage_members, request.user, coalition)
    services.member_remove(actor=request.user, member=member)
    messages.success(request, _("%(person)s was removed.") % {"person": member.person})
    return redirect("coalitions:members", pk=pk)


@login_required
@require_POST
def membership_request(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_request_membership, request.user, coalition)
    form = MembershipRequestForm(
        request.POST, schools=selectors.user_schools_in_network(request.user, coalition.network)
    )
    if not form.is_valid():
        messages.error(request, _("Choose one of your schools in this network."))
        return redirect("coalitions:detail", pk=pk)
    try:
        services.membership_request_create(
            person=request.user,
            coalition=coalition,
            school=form.cleaned_data["school"],
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Your request was sent to the coalition's leads."))
    return redirect("coalitions:detail", pk=pk)


@login_required
@require_POST
def membership_decide(request, pk: int, request_pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    membership_request = selectors.membership_request_get(coalition=coalition, pk=request_pk)
    require(crules.can_manage_members, request.user, coalition)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Admit or decline the request."))
        return redirect("coalitions:members", pk=pk)
    try:
        services.membership_request_decide(
            actor=request.user,
            request=membership_request,
            approve=form.cleaned_data["decision"] == "approve",
        )
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(request, _("Decided."))
    return redirect("coalitions:members", pk=pk)


@login_required
@require_POST
def notify_set(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    member = selectors.coalition_page_member(request.user, coalition)
    if member is None:
        raise PermissionDenied
    form = NotifyForm(request.POST)
    if form.is_valid():
        services.member_notify_set(member=member, notify=form.cleaned_data["notify"])
        messages.success(request, _("Your mail setting was saved."))
    return redirect("coalitions:detail", pk=pk)
