"""Card decks and the prioritisation sessions in which a school team ranks cards."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from qnet.models import School, User
from qnet.rules import is_member_of_school
from qnet.services import audit_entry_create

from .. import rules as crules
from ..models import Card, CardDeck, Coalition, Prioritisation, PrioritisationPick


@transaction.atomic
def deck_create(*, actor: User, coalition: Coalition, title: str, description: str = ""):
    if not crules.can_manage_content(actor, coalition):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError(_("Give the deck a title."))
    return CardDeck.objects.create(
        coalition=coalition, title=title.strip(), description=description.strip()
    )


@transaction.atomic
def deck_update(*, actor: User, deck: CardDeck, title: str, description: str = "") -> CardDeck:
    if not crules.can_manage_content(actor, deck.coalition):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError(_("Give the deck a title."))
    deck.title = title.strip()
    deck.description = description.strip()
    deck.save(update_fields=["title", "description", "updated_at"])
    return deck


@transaction.atomic
def deck_delete(*, actor: User, deck: CardDeck) -> None:
    coalition = deck.coalition
    if not crules.can_manage_content(actor, coalition):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="coalition.deck_delete",
        target=deck,
        authority=coalition.network.authority,
        data={"coalition": coalition.pk, "title": deck.title},
    )
    deck.delete()


@transaction.atomic
def card_create(*, actor: User, deck: CardDeck, front: str, back: str = "") -> Card:
    if not crules.can_manage_content(actor, deck.coalition):
        raise PermissionDenied
    if not front.strip():
        raise ValidationError(_("A card needs a question on its front."))
    last = deck.cards.aggregate(last=Max("order"))["last"]
    return Card.objects.create(
        deck=deck, front=front.strip(), back=back.strip(), order=(last or 0) + 1
    )


@transaction.atomic
def card_update(*, actor: User, card: Card, front: str, back: str, order: int) -> Card:
    if not crules.can_manage_content(actor, card.deck.coalition):
        raise PermissionDenied
    if not front.strip():
        raise ValidationError(_("A card needs a question on its front."))
    card.front = front.strip()
    card.back = back.strip()
    card.order = order
    card.save(update_fields=["front", "back", "order", "updated_at"])
    return card


@transaction.atomic
def card_delete(*, actor: User, card: Card) -> None:
    coalition = card.deck.coalition
    if not crules.can_manage_content(actor, coalition):
        raise PermissionDenied
    audit_entry_create(
        actor=actor,
        action="coalition.card_delete",
        target=card,
        authority=coalition.network.authority,
        data={"deck": card.deck_id},
    )
    card.delete()


# --- prioritisation ----------------------------------------------------------------------


@transaction.atomic
def prioritisation_start(*, actor: User, deck: CardDeck, school: School) -> Prioritisation:
    if not is_member_of_school(actor, school):
        raise PermissionDenied
    if school.pk not in crules.network_school_ids(deck.coalition.network):
        raise ValidationError(_("This school is not in the coalition's network."))
    if not deck.cards.exists():
        raise ValidationError(_("This deck has no cards yet."))
    return Prioritisation.objects.create(deck=deck, school=school, created_by=actor)


def _lock_open(actor: User, prioritisation: Prioritisation) -> Prioritisation:
    if not crules.is_school_team_member(actor, prioritisation):
        raise PermissionDenied
    locked = Prioritisation.objects.select_for_update().get(pk=prioritisation.pk)
    if locked.status != Prioritisation.Status.OPEN:
        raise ValidationError(_("This prioritisation is finished."))
    return locked


def _renumber(prioritisation: Prioritisation) -> None:
    for rank, pick in enumerate(prioritisation.picks.order_by("rank", "pk"), start=1):
        if pick.rank != rank:
            PrioritisationPick.objects.filter(pk=pick.pk).update(rank=rank)


@transaction.atomic
def prioritisation_pick(
    *, actor: User, prioritisation: Prioritisation, card_ids: list[int]
) -> Prioritisation:
    """Make the team's picks exactly these cards; new picks go to the end of the ranking."""
    locked = _lock_open(actor, prioritisation)
    wanted = set(card_ids)
    deck_cards = set(locked.deck.cards.values_list("pk", flat=True))
    if not wanted <= deck_cards:
        raise ValidationError(_("Pick cards of this deck only."))
    locked.picks.exclude(card_id__in=wanted).delete()
    existing = set(locked.picks.values_list("card_id", flat=True))
    last = locked.picks.aggregate(last=Max("rank"))["last"] or 0
    new = sorted(wanted - existing)
    PrioritisationPick.objects.bulk_create(
        PrioritisationPick(prioritisation=locked, card_id=card_id, rank=last + offset)
        for offset, card_id in enumerate(new, start=1)
    )
    _renumber(locked)
    return locked


@transaction.atomic
def prioritisation_rank(
    *, actor: User, prioritisation: Prioritisation, ranks: dict[int, int]
) -> Prioritisation:
    """Reorder the picks: {pick id: wanted rank}; ties keep their previous order."""
    locked = _lock_open(actor, prioritisation)
    picks = list(locked.picks.order_by("rank", "pk"))
    if set(ranks) - {pick.pk for pick in picks}:
        raise ValidationError(_("Rank the picked cards of this prioritisation only."))
    if any(rank < 1 for rank in ranks.values()):
        raise ValidationError(_("A rank is a whole number from 1."))
    ordered = sorted(picks, key=lambda pick: (ranks.get(pick.pk, pick.rank), pick.rank))
    for rank, pick in enumerate(ordered, start=1):
        if pick.rank != rank:
            PrioritisationPick.objects.filter(pk=pick.pk).update(rank=rank)
    return locked


@transaction.atomic
def prioritisation_finish(*, actor: User, prioritisation: Prioritisation) -> Prioritisation:
    locked = _lock_open(actor, prioritisation)
    if not locked.picks.exists():
        raise ValidationError(_("Pick at least one card before you finish."))
    locked.status = Prioritisation.Status.FINISHED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["status", "finished_at", "updated_at"])
    prioritisation.status = locked.status
    prioritisation.finished_at = locked.finished_at
    return locked
