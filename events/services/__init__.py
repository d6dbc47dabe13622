"""The write path of events: the only place that changes formats, events and registrations."""

from events.services.agenda import agenda_item_move, agenda_item_update, series_agenda_copy
from events.services.announcements import event_participants_mail
from events.services.attachments import attachment_create, attachment_delete
from events.services.dialogue import dialogue_event_save
from events.services.events import (
    agenda_item_create,
    agenda_item_delete,
    event_cancel,
    event_copy,
    event_create,
    event_publish,
    event_update,
    format_create,
    format_update,
    series_create,
)
from events.services.feeds import calendar_feed_create, calendar_feed_revoke
from events.services.guests import guest_invite, guest_respond
from events.services.minutes import (
    agenda_proposal_create,
    agenda_proposal_decide,
    minutes_finalise,
    minutes_save,
)
from events.services.polls import date_poll_close, date_poll_create, date_poll_vote
from events.services.registrations import (
    attendance_mark,
    registration_cancel,
    registration_create,
    registration_excuse,
)
from events.services.reminders import reminders_send
from events.services.retention import registrations_anonymise_expired
from events.services.series_publishing import series_publish

__all__ = [
    "dialogue_event_save",
    "event_participants_mail",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "agenda_proposal_create",
    "agenda_proposal_decide",
    "attachment_create",
    "attachment_delete",
    "attendance_mark",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "date_poll_close",
    "date_poll_create",
    "date_poll_vote",
    "event_cancel",
    "event_copy",
    "event_create",
    "event_publish",
    "event_update",
    "format_create",
    "format_update",
    "guest_invite",
    "guest_respond",
    "minutes_finalise",
    "minutes_save",
    "registration_cancel",
    "registration_create",
    "registration_excuse",
    "registrations_anonymise_expired",
    "reminders_send",
    "series_agenda_copy",
    "series_create",
    "series_publish",
]
