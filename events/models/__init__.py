"""Models of events, split by sub-domain; import them from here."""

from events.models.attachments import Attachment
from events.models.core import (
    ANONYMISED_PARTICIPANT,
    DEFAULT_REMINDER_DAYS,
    AgendaItem,
    Audience,
    CalendarFeed,
    Event,
    Format,
    Kind,
    Registration,
    Reminder,
    Series,
    default_reminder_days,
    render_markdown,
)
from events.models.guests import GuestInvitation
from events.models.minutes import ActionItem, AgendaProposal, Minutes
from events.models.polls import DatePoll, DatePollOption, DatePollVote

__all__ = [
    "ANONYMISED_PARTICIPANT",
    "DEFAULT_REMINDER_DAYS",
    "ActionItem",
    "AgendaItem",
    "AgendaProposal",
    "Attachment",
    "Audience",
    "CalendarFeed",
    "DatePoll",
    "DatePollOption",
    "DatePollVote",
    "Event",
    "Format",
    "GuestInvitation",
    "Kind",
    "Minutes",
    "Registration",
    "Reminder",
    "Series",
    "default_reminder_days",
    "render_markdown",
]
