"""Date polls: options, answers, and closing a poll into an event."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from events import ics
from events.models import DatePoll, DatePollOption, DatePollVote, Event, Format
from events.rules import can_close_poll, can_manage_event, can_manage_format
from events.selectors import polls_visible_to
from events.services.events import event_create, event_publish, event_update
from qnet.models import User
from qnet.services import audit_entry_create, mail_enqueue


@transaction.atomic
def date_poll_create(
    *,
    actor: User,
    format: Format,  # noqa: A002 - the domain's word
    title: str,
    options: list[dict],
    description: str = "",
    event: Event | None = None,
) -> DatePoll:
    """A poll over date options; each option is a dict of starts_at, ends_at, venue, host."""
    # A poll for the date of an existing meeting is also for whoever runs that meeting
    # (a coalition's facilitator for its series), with the meeting's own format.
    runs_event = (
        event is not None and event.format_id == format.pk and can_manage_event(actor, event)
    )
    if format.network_id is None or not (can_manage_format(actor, format) or runs_event):
        raise PermissionDenied
    if event is not None and event.network_id != format.network_id:
        raise PermissionDenied
    if not options:
        raise ValidationError(_("Offer at least one date."))
    for option in options:
        if option["ends_at"] <= option["starts_at"]:
            raise ValidationError(_("The end must be after the start."))
        host = option.get("host_school")
        if (
            host is not None
            and not format.network.memberships.current().filter(school=host).exists()
        ):
            raise ValidationError(_("The host school is not in the network."))
    poll = DatePoll.objects.create(
        network=format.network,
        format=format,
        title=title,
        description=description,
        event=event,
        created_by=actor,
    )
    DatePollOption.objects.bulk_create(
        DatePollOption(
            poll=poll,
            starts_at=option["starts_at"],
            ends_at=option["ends_at"],
            venue_name=option.get("venue_name", ""),
            host_school=option.get("host_school"),
        )
        for option in options
    )
    audit_entry_create(actor=actor, action="date_poll.create", target=poll)
    return poll


@transaction.atomic
def date_poll_vote(*, actor: User, poll: DatePoll, answers: dict[int, str]) -> int:
    """Record the person's answers (yes / if need be / no) per option; answers replace."""
    poll = DatePoll.objects.select_for_update().get(pk=poll.pk)
    if not polls_visible_to(actor).filter(pk=poll.pk).exists():
        raise PermissionDenied
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."))
    option_ids = set(poll.options.values_list("pk", flat=True))
    if not set(answers) <= option_ids:
        raise ValidationError(_("Answer the options of this poll only."))
    if not set(answers.values()) <= set(DatePollVote.Answer.values):
        raise ValidationError(_("Unknown answer."))
    for option_id, answer in answers.items():
        DatePollVote.objects.update_or_create(
            option_id=option_id, person=actor, defaults={"answer": answer}
        )
    return len(answers)


@transaction.atomic
def date_poll_close(*, actor: User, poll: DatePoll, option: DatePollOption) -> Event:
    """Fix the chosen date: create or move the event, publish it and tell everyone who answered."""
    poll = DatePoll.objects.select_for_update().select_related("network", "format").get(pk=poll.pk)
    if not can_close_poll(actor, poll):
        raise PermissionDenied
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."))
    if option.poll_id != poll.pk:
        raise ValidationError(_("Choose one of this poll's dates."))
    fields = {
        "starts_at": option.starts_at,
        "ends_at": option.ends_at,
        "venue_name": option.venue_name,
        "host_school": option.host_school,
    }
    if poll.event is not None and not poll.event.is_cancelled:
        # A poll about an existing meeting moves it: its registrations stay and hear of
        # the new date through event_update. An option without a place keeps the old one.
        if not option.venue_name and option.host_school_id is None:
            del fields["venue_name"], fields["host_school"]
        event = event_update(actor=actor, event=poll.event, **fields)
    else:
        event = event_create(
            actor=actor, format=poll.format, title=poll.title, description=poll.description,
            **fields,
        )  # fmt: skip
    if event.status == Event.Status.DRAFT:
        event = event_publish(actor=actor, event=event)
    poll.status = DatePoll.Status.CLOSED
    poll.chosen_option = option
    poll.event = event
    poll.save(update_fields=["status", "chosen_option", "event", "updated_at"])
    audit_entry_create(actor=actor, action="date_poll.close", target=poll, data={"event": event.pk})
    voters = User.objects.filter(date_poll_votes__option__poll=poll).distinct()
    attachment = ics.event_attachment(event, with_online_url=False)
    event_url = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    for person in voters:
        mail_enqueue(
            to=person.email,
            template="events/mail/poll_closed",
            context={
                "person": person,
                "poll": poll,
                "event": event,
                "starts": _wall_time(event.starts_at, event),
                "event_url": event_url,
            },
            language=person.preferred_language or poll.network.language,
            attachments=[attachment],
            dedupe_key=f"poll-closed:{poll.pk}:{person.pk}",
        )
    return event


def _wall_time(value: datetime, event: Event) -> datetime:
    return value.astimezone(event.tzinfo).replace(tzinfo=None)
