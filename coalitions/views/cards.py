"""Card decks and the prioritisation sessions of school teams."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.exports import csv_response
from qnet.feedback import flash_service_error, form_add_service_error

from .. import rules as crules
from .. import selectors, services
from ..forms import CardForm, DeckForm, PickForm, PrioritisationStartForm, RankForm
from ..models import Card, Prioritisation
from ._helpers import require


@login_required
@require_http_methods(["GET", "POST"])
def deck_create(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_manage_content, request.user, coalition)
    form = DeckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            deck = services.deck_create(
                actor=request.user, coalition=coalition, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            return redirect("coalitions:deck", deck_pk=deck.pk)
    return render(
        request, "coalitions/deck_form.html", {"coalition": coalition, "deck": None, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def deck_detail(request, deck_pk: int):
    deck = selectors.deck_get_for_user(user=request.user, pk=deck_pk)
    coalition = deck.coalition
    can_manage = crules.can_manage_content(request.user, coalition)
    card_form = CardForm(request.POST or None, initial={"order": 0}) if can_manage else None
    if request.method == "POST":
        require(crules.can_manage_content, request.user, coalition)
        if card_form.is_valid():
            try:
                services.card_create(
                    actor=request.user,
                    deck=deck,
                    front=card_form.cleaned_data["front"],
                    back=card_form.cleaned_data["back"],
                )
            except ValidationError as error:
                form_add_service_error(card_form, error)
            else:
                messages.success(request, _("The card was added."))
                return redirect("coalitions:deck", deck_pk=deck.pk)
    schools = list(selectors.user_schools_in_network(request.user, coalition.network))
    return render(
        request,
        "coalitions/deck_detail.html",
        {
            "coalition": coalition,
            "deck": deck,
            "cards": selectors.deck_cards(deck),
            "card_form": card_form,
            "can_manage": can_manage,
            "start_form": PrioritisationStartForm(schools=schools) if schools else None,
            "prioritisations": list(selectors.prioritisations_of_deck(request.user, deck)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def deck_edit(request, deck_pk: int):
    deck = selectors.deck_get_for_user(user=request.user, pk=deck_pk)
    require(crules.can_manage_content, request.user, deck.coalition)
    form = DeckForm(
        request.POST or None, initial={"title": deck.title, "description": deck.description}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deck_update(actor=request.user, deck=deck, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("coalitions:deck", deck_pk=deck.pk)
    return render(
        request,
        "coalitions/deck_form.html",
        {"coalition": deck.coalition, "deck": deck, "form": form},
    )


@login_required
@require_POST
def deck_delete(request, deck_pk: int):
    deck = selectors.deck_get_for_user(user=request.user, pk=deck_pk)
    coalition_pk = deck.coalition_id
    services.deck_delete(actor=request.user, deck=deck)
    messages.success(request, _("The deck was deleted."))
    return redirect("coalitions:detail", pk=coalition_pk)


def _card(request, card_pk: int) -> Card:
    card = get_object_or_404(Card.objects.select_related("deck"), pk=card_pk)
    card.deck = selectors.deck_get_for_user(user=request.user, pk=card.deck_id)
    return card


@login_required
@require_http_methods(["GET", "POST"])
def card_edit(request, card_pk: int):
    card = _card(request, card_pk)
    require(crules.can_manage_content, request.user, card.deck.coalition)
    form = CardForm(
        request.POST or None, initial={"front": card.front, "back": card.back, "order": card.order}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.card_update(actor=request.user, card=card, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("coalitions:deck", deck_pk=card.deck_id)
    return render(
        request,
        "coalitions/card_form.html",
        {"coalition": card.deck.coalition, "deck": card.deck, "card": card, "form": form},
    )


@login_required
@require_POST
def card_delete(request, card_pk: int):
    card = _card(request, card_pk)
    services.card_delete(actor=request.user, card=card)
    messages.success(request, _("The card was deleted."))
    return redirect("coalitions:deck", deck_pk=card.deck_id)


# --- prioritisation -----------------------------------------------------------------------


@login_required
@require_POST
def prioritisation_start(request, deck_pk: int):
    deck = selectors.deck_get_for_user(user=request.user, pk=deck_pk)
    schools = list(selectors.user_schools_in_network(request.user, deck.coalition.network))
    if not schools:
        raise PermissionDenied
    form = PrioritisationStartForm(request.POST, schools=schools)
    if not form.is_valid():
        messages.error(request, _("Choose your school."))
        return redirect("coalitions:deck", deck_pk=deck.pk)
    try:
        prioritisation = services.prioritisation_start(
            actor=request.user, deck=deck, school=form.cleaned_data["school"]
        )
    except ValidationError as error:
        flash_service_error(request, error)
        return redirect("coalitions:deck", deck_pk=deck.pk)
    return redirect("coalitions:prioritisation", prioritisation_pk=prioritisation.pk)


@login_required
@require_GET
def prioritisation_detail(request, prioritisation_pk: int):
    prioritisation = selectors.prioritisation_get_for_user(user=request.user, pk=prioritisation_pk)
    if prioritisation.status == Prioritisation.Status.FINISHED:
        return redirect("coalitions:prioritisation_result", prioritisation_pk=prioritisation.pk)
    cards = selectors.deck_cards(prioritisation.deck)
    picks = selectors.prioritisation_picks(prioritisation)
    may_work = crules.is_school_team_member(request.user, prioritisation)
    return render(
        request,
        "coalitions/prioritisation_detail.html",
        {
            "coalition": prioritisation.deck.coalition,
            "prioritisation": prioritisation,
            "cards": cards,
            "pick_form": PickForm(
                cards=cards, initial={"cards": [str(pick.card_id) for pick in picks]}
            ),
            "rank_form": RankForm(picks=picks) if picks else None,
            "picks": picks,
            "may_work": may_work,
        },
    )


def _open_for_work(request, prioritisation_pk: int) -> Prioritisation:
    prioritisation = selectors.prioritisation_get_for_user(user=request.user, pk=prioritisation_pk)
    require(crules.is_school_team_member, request.user, prioritisation)
    return prioritisation


@login_required
@require_POST
def prioritisation_pick(request, prioritisation_pk: int):
    prioritisation = _open_for_work(request, prioritisation_pk)
    form = PickForm(request.POST, cards=selectors.deck_cards(prioritisation.deck))
    if not form.is_valid():
        messages.error(request, _("Pick cards of this deck only."))
    else:
        try:
            services.prioritisation_pick(
                actor=request.user,
                prioritisation=prioritisation,
                card_ids=[int(pk) for pk in form.cleaned_data["cards"]],
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("Your picks were saved. Now rank them."))
    return redirect("coalitions:prioritisation", prioritisation_pk=prioritisation.pk)


@login_required
@require_POST
def prioritisation_rank(request, prioritisation_pk: int):
    prioritisation = _open_for_work(request, prioritisation_pk)
    form = RankForm(request.POST, picks=selectors.prioritisation_picks(prioritisation))
    if not form.is_valid():
        messages.error(request, _("Give each picked card a rank from 1 to the number of picks."))
    else:
        try:
            services.prioritisation_rank(
                actor=request.user, prioritisation=prioritisation, ranks=form.ranks()
            )
        except ValidationError as error:
            flash_service_error(request, error)
        else:
            messages.success(request, _("The ranking was saved."))
    return redirect("coalitions:prioritisation", prioritisation_pk=prioritisation.pk)


@login_required
@require_POST
def prioritisation_finish(request, prioritisation_pk: int):
    prioritisation = _open_for_work(request, prioritisation_pk)
    try:
        services.prioritisation_finish(actor=request.user, prioritisation=prioritisation)
    except ValidationError as error:
        flash_service_error(request, error)
        return redirect("coalitions:prioritisation", prioritisation_pk=prioritisation.pk)
    messages.success(request, _("The prioritisation is finished."))
    return redirect("coalitions:prioritisation_result", prioritisation_pk=prioritisation.pk)


def _finished(request, prioritisation_pk: int) -> Prioritisation:
    prioritisation = selectors.prioritisation_get_for_user(user=request.user, pk=prioritisation_pk)
    if prioritisation.status != Prioritisation.Status.FINISHED:
        raise Http404
    return prioritisation


@login_required
@require_GET
def prioritisation_result(request, prioritisation_pk: int):
    prioritisation = _finished(request, prioritisation_pk)
    template = (
        "coalitions/prioritisation_print.html"
        if request.GET.get("print")
        else "coalitions/prioritisation_result.html"
    )
    return render(
        request,
        template,
        {
            "coalition": prioritisation.deck.coalition,
            "prioritisation": prioritisation,
            "picks": selectors.prioritisation_picks(prioritisation),
        },
    )


@login_required
@require_GET
def prioritisation_csv(request, prioritisation_pk: int):
    prioritisation = _finished(request, prioritisation_pk)
    filename = slugify(f"{prioritisation.deck.title}-{prioritisation.school.name}") or "result"
    return csv_response(
        filename=f"{filename}.csv",
        header=[_("Rank"), _("Question"), _("Suggestions")],
        rows=(
            [pick.rank, pick.card.front, pick.card.back]
            for pick in selectors.prioritisation_picks(prioritisation)
        ),
    )
