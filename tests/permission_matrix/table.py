"""What every persona gets from every URL of the project: DESIGN.md's "Who may do what".

The codes follow the design and the apps' stated rules (their docstrings), row by row:
outside a persona's scope -> 404, visible but not theirs to change -> 403, anonymous ->
302 to the login page (or 200 for public pages), wrong method -> 405. When a view
answers otherwise, that is a finding: fix the view, or, where the design leaves room,
write the stricter answer and say why in a comment. Never copy the view's answer.
An allowed POST with an empty body answers what the view does with an empty form:
200 (the form again, with errors), 400 (a bad request or a form answered with 400)
or 302 (done, or back with a message).

How to add a row (one line per URL name, or more when several objects matter):

    row("app:name", kw(pk="event"),
        # anonymous staff_a leader_a leader_b coordinator facilitator authority other_auth
        LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),

- `kw(pk="event")` fills the URL's keyword arguments from the world's objects
  (tests/permission_matrix/world.py; add the object there, through a service);
  for other arguments pass a function: `lambda w: {"token": w.feed.token}`.
- Eight (GET, POST) pairs follow, in the order of PERSONAS. The names below cover the
  usual pairs; write a literal tuple such as (200, 400) for anything else.
- `label=` tells two rows of the same URL apart ("draft", "past", ...).
- `query=` adds a query string, for pages that pick their object by one:
  `query=lambda w: {"format": w.fmt.pk}`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

PERSONAS = (
    "anonymous",
    "staff_a",
    "leader_a",
    "leader_b",
    "coordinator",
    "facilitator",
    "authority_staff",
    "other_authority_staff",
)

# (GET, POST)
LOGIN = (302, 302)  # anonymous: sent to the login page, whatever the method
OK = (200, 200)  # a page with a form; the empty POST shows the form again
F = (403, 403)  # visible, but not this persona's to open or change
H = (404, 404)  # outside the persona's scope
READ = (200, 405)  # a page that only reads
READ_F = (403, 405)
READ_H = (404, 405)
P_DONE = (405, 302)  # POST-only action, done (or refused with a message and a redirect)
P_BAD = (405, 400)  # POST-only action, allowed; the empty form is a bad request
P_F = (405, 403)
P_H = (405, 404)


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: Callable
    expect: dict[str, tuple[int, int]]
    label: str
    query: Callable | None = None

    def path(self, w) -> str:
        path = reverse(self.name, kwargs=self.kwargs(w))
        return f"{path}?{urlencode(self.query(w))}" if self.query else path


def kw(**attributes) -> Callable:
    """URL kwargs from world objects: kw(pk="event") -> {"pk": world.event.pk}."""
    return lambda w: {arg: getattr(w, attribute).pk for arg, attribute in attributes.items()}


def none(w) -> dict:
    return {}


def row(name: str, kwargs: Callable, *codes, label: str = "", query: Callable | None = None) -> Row:
    assert len(codes) == len(PERSONAS), f"{name}: {len(codes)} codes for {len(PERSONAS)} personas"
    return Row(
        name=name,
        kwargs=kwargs,
        expect=dict(zip(PERSONAS, codes, strict=True)),
        label=f"{name}#{label}" if label else name,
        query=query,
    )


# The world (world.py): the Demo network holds School A and B. staff_a and leader_a are
# School A, leader_b School B; the coordinator runs the Demo network; the facilitator
# has no role but facilitates the closed learning network; authority_staff owns School
# A, B and the network; other_authority_staff owns only the other authority.

# fmt: off
ROWS = [
    # --- public and personal pages -------------------------------------------------------
    #   anonymous staff_a leader_a leader_b coordinator facilitator authority other_auth
    row("home", none, READ, READ, READ, READ, READ, READ, READ, READ),
    row("health", none, READ, READ, READ, READ, READ, READ, READ, READ),
    row("qnet:privacy", none, READ, READ, READ, READ, READ, READ, READ, READ),
    row("qnet:accessibility", none, READ, READ, READ, READ, READ, READ, READ, READ),
    row("qnet:language_set", none, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE),
    row("qnet:profile", none, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    row("qnet:data_export", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    # The erase page asks for confirmation; the empty POST shows it again.
    row("qnet:account_erase", none, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    row("qnet:organisations", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    # --- notices: everyone has their own list and settings; a notice is its recipient's ---
    row("qnet:notices", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("qnet:notice_preferences", none, LOGIN, OK, OK, OK, OK, OK, OK, OK),
    row("qnet:notices_mark_all_read", none,
        LOGIN, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE),
    row("qnet:notice_open", kw(pk="notice"), LOGIN, P_H, P_DONE, P_H, P_H, P_H, P_H, P_H),
    # --- organisations and invitations ---------------------------------------------------
    # A school's page: its people, its network's coordinator and its authority.
    row(
        "qnet:organisation_detail",
        lambda w: {"kind": "school", "pk": w.school_a.pk},
        LOGIN, READ, READ, READ_H, READ, READ_H, READ, READ_H,
        label="school",
    ),
    row(
        "qnet:organisation_detail",
        lambda w: {"kind": "network", "pk": w.network.pk},
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H,
        label="network",
    ),
    row(
        "qnet:organisation_detail",
        lambda w: {"kind": "authority", "pk": w.authority.pk},
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H,
        label="authority",
    ),
    row(
        "qnet:organisation_detail",
        lambda w: {"kind": "school", "pk": w.school_other.pk},
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ,
        label="other-school",
    ),
    # Leaders invite their school's staff, the authority its schools' people.
    row(
        "qnet:invitation_create",
        lambda w: {"kind": "school", "pk": w.school_a.pk},
        LOGIN, F, OK, H, F, H, OK, H,
    ),
    # leader_a's open invitation into School A.
    row("qnet:invitation_revoke", kw(pk="invitation"),
        LOGIN, P_F, P_DONE, P_H, P_F, P_H, P_DONE, P_H),
    # The link is the credential of someone without an account: for them it is a form;
    # a signed-in person with another address is refused.
    row(
        "qnet:invitation_accept",
        lambda w: {"token": w.invitation_token},
        OK, F, F, F, F, F, F, F,
    ),
    # Authority staff read their own authority's log.
    row("qnet:audit_log", none, LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, READ, READ),
    # --- events: lists, the personal feed ------------------------------------------------
    row("events:list", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("events:month", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("events:feed_manage", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("events:feed_create", none, LOGIN, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE),
    row("events:feed_revoke", none, LOGIN, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE, P_DONE),
    # leader_a's feed: the secret address is the credential (calendar apps cannot log in).
    row(
        "events:feed",
        lambda w: {"token": w.feed.token},
        READ, READ, READ, READ, READ, READ, READ, READ,
    ),
    # A guest's emailed link; the empty answer is a bad request.
    row(
        "events:guest_respond",
        lambda w: {"token": w.guest_token},
        (200, 400), (200, 400), (200, 400), (200, 400),
        (200, 400), (200, 400), (200, 400), (200, 400),
    ),
    # --- events: a published meeting of the Demo network ---------------------------------
    # Network members and the owning authority read it; the coordinator runs it.
    row("events:detail", kw(pk="event"), (302, 405), READ, READ, READ, READ, READ_H, READ, READ_H),
    row(
        "events:detail", kw(pk="draft_event"),
        (302, 405), READ_H, READ_H, READ_H, READ, READ_H, READ_H, READ_H,
        label="draft",
    ),
    row(
        "events:detail", kw(pk="past_event"),
        (302, 405), READ, READ, READ, READ, READ_H, READ, READ_H,
        label="past",
    ),
    # School B's dialogue meeting with its authority: theirs alone.
    row(
        "events:detail", lambda w: {"pk": w.meeting_b.event_id},
        (302, 405), READ_H, READ_H, READ, READ_H, READ_H, READ, READ_H,
        label="dialogue",
    ),
    row(
        "events:detail", kw(pk="other_event"),
        (302, 405), READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ,
        label="other-network",
    ),
    row("events:calendar", kw(pk="event"),
        (302, 405), READ, READ, READ, READ, READ_H, READ, READ_H),
    # Anyone who sees the meeting registers themselves; leader_a is registered already,
    # so her empty form is refused.
    row("events:register", kw(pk="event"),
        LOGIN, P_DONE, P_BAD, P_DONE, P_DONE, P_H, P_DONE, P_H),
    # Cancelling or excusing needs a registration of one's own: only leader_a has one.
    row("events:cancel", kw(pk="event"), LOGIN, P_H, P_DONE, P_H, P_H, P_H, P_H, P_H),
    row("events:excuse", kw(pk="event"), LOGIN, P_H, P_DONE, P_H, P_H, P_H, P_H, P_H),
    # Anyone who sees an upcoming meeting may propose a topic (events.services).
    row("events:proposal_create", kw(pk="event"),
        LOGIN, P_BAD, P_BAD, P_BAD, P_BAD, P_H, P_BAD, P_H),
    row("events:proposal_decide", kw(pk="event", proposal_pk="proposal"),
        LOGIN, P_F, P_F, P_F, P_BAD, P_H, P_F, P_H),
    # Files of the past meeting: for the people who took part (leader_a) and coordinators.
    row("events:attachment_download", kw(pk="past_event", attachment_pk="attachment"),
        LOGIN, READ_F, READ, READ_F, READ, READ_H, READ_F, READ_H),
    # --- events: what the coordinator does -------------------------------------------------
    # Without a format the page asks for one; the form is for the format's managers:
    # the coordinator's network format, the authority's dialogue-meeting format.
    row("events:create", none, LOGIN, F, F, F, OK, F, OK, F),
    row("events:create", none, LOGIN, F, F, F, OK, F, H, F,
        label="network-format", query=lambda w: {"format": w.fmt.pk}),
    row("events:create", none, LOGIN, F, F, F, H, F, OK, F,
        label="dialogue-format", query=lambda w: {"format": w.meeting_b.event.format_id}),
    row("events:edit", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    # School B's dialogue meeting is its authority's to run; School B only sees it.
    row("events:edit", lambda w: {"pk": w.meeting_b.event_id},
        LOGIN, H, H, F, H, H, OK, H, label="dialogue"),
    row("events:publish", kw(pk="draft_event"), LOGIN, P_H, P_H, P_H, P_DONE, P_H, P_H, P_H),
    row("events:event_cancel", kw(pk="event"), LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),
    row("events:copy", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:agenda", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:agenda_item_delete", kw(pk="event", item_pk="agenda_item"),
        LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),
    row("events:agenda_item_edit", kw(pk="event", item_pk="agenda_item"),
        LOGIN, F, F, F, OK, H, F, H),
    # The empty POST names no direction: a bad request.
    row("events:agenda_item_move", kw(pk="event", item_pk="agenda_item"),
        LOGIN, P_F, P_F, P_F, P_BAD, P_H, P_F, P_H),
    # A confirmation page; the first series meeting has no agenda yet, so the POST comes
    # back to it with a message.
    row("events:agenda_copy", lambda w: {"pk": w.series.events.order_by("pk").first().pk},
        LOGIN, F, F, F, (200, 302), H, F, H),
    row("events:guests", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:participants", kw(pk="event"),
        LOGIN, READ_F, READ_F, READ_F, READ, READ_H, READ_F, READ_H),
    row("events:participants_mail", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:minutes", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H),
    # No minutes written yet: the coordinator is sent back with a message.
    row("events:minutes_finalise", kw(pk="event"),
        LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),
    row("events:attachments", kw(pk="past_event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:attachment_delete", kw(pk="past_event", attachment_pk="attachment"),
        LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),
    row("events:attendance", kw(pk="past_event"), LOGIN, F, F, F, OK, H, F, H),
    row("events:series_create", none, LOGIN, F, F, F, OK, F, F, F),
    row("events:series_create", none, LOGIN, F, F, F, OK, F, F, F,
        label="format", query=lambda w: {"format": w.fmt.pk}),
    row("events:series_detail", kw(pk="series"),
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H),
    # A confirmation page; the world's series is published already, so the POST comes
    # back with a message. Those who see the series may not publish it.
    row("events:series_publish", kw(pk="series"),
        LOGIN, F, F, F, (200, 302), H, F, H),
    row("events:series_calendar", kw(pk="series"),
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H),
    # A coalition's own series: the learning network's meetings are for its members
    # (staff_a, leader_a) and run by its facilitator; the open coalition's are the whole
    # network's and run by its lead, leader_b. Nobody else of the network runs them.
    row("events:series_meeting_new", kw(pk="ln_series"), LOGIN, F, F, H, OK, OK, F, H),
    row("events:series_meeting_new", kw(pk="coalition_series"),
        LOGIN, F, F, OK, OK, H, F, H, label="lead"),
    # Whoever sees an upcoming meeting registers for all of them (an empty form: oneself).
    row("events:series_register", kw(pk="ln_series"),
        LOGIN, P_DONE, P_DONE, P_H, P_DONE, P_DONE, P_DONE, P_H),
    row("events:series_attendance", kw(pk="ln_series"),
        LOGIN, READ_F, READ_F, READ_H, READ, READ, READ_F, READ_H),
    row("events:series_attendance", kw(pk="coalition_series"),
        LOGIN, READ_F, READ_F, READ, READ, READ_H, READ_F, READ_H, label="lead"),
    # A date poll that moves a meeting: for whoever runs the meeting.
    row("events:meeting_poll", kw(pk="ln_meeting"), LOGIN, F, F, H, OK, OK, F, H),
    row("events:meeting_poll", kw(pk="event"), LOGIN, F, F, F, OK, H, F, H, label="network"),
    # Formats are the coordinators' (network) and the authority's (dialogue meetings).
    row("events:format_list", none,
        LOGIN, READ_F, READ_F, READ_F, READ, READ_F, READ, READ_F),
    row("events:format_create", none, LOGIN, F, F, F, OK, F, F, F),
    row("events:format_edit", kw(pk="fmt"), LOGIN, H, H, H, OK, H, H, H),
    # --- events: date polls -------------------------------------------------------------
    row("events:poll_list", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("events:poll_create", none, LOGIN, F, F, F, OK, F, F, F),
    row("events:poll_create", none, LOGIN, F, F, F, OK, F, F, F,
        label="format", query=lambda w: {"format": w.fmt.pk}),
    row("events:poll_detail", kw(pk="poll"),
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H),
    row("events:poll_vote", kw(pk="poll"),
        LOGIN, P_BAD, P_BAD, P_BAD, P_BAD, P_H, P_BAD, P_H),
    # No option chosen: a bad request for the coordinator, refused to everyone else.
    row("events:poll_close", kw(pk="poll"), LOGIN, P_F, P_F, P_F, P_BAD, P_H, P_F, P_H),
    # --- coalitions: the open coalition "Data against dropout" ---------------------------
    # leader_b leads it, staff_a is a member; School A and B people of the network, its
    # coordinator and the owning authority see it; the facilitator is not in the network.
    row("coalitions:list", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    row("coalitions:library", none, READ, READ, READ, READ, READ, READ, READ, READ),
    row("coalitions:create", none, LOGIN, F, F, F, OK, F, F, F),
    row("coalitions:detail", kw(pk="coalition"),
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H),
    row("coalitions:detail", kw(pk="other_coalition"),
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ,
        label="other-network"),
    row("coalitions:edit", kw(pk="coalition"), LOGIN, F, F, F, OK, H, F, H),
    row("coalitions:close", kw(pk="coalition"), LOGIN, P_F, P_F, P_F, P_DONE, P_H, P_F, P_H),
    # Inviting the member schools to the coalition's meetings: who runs its series.
    row("coalitions:meetings_invite", kw(pk="coalition"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    row("coalitions:meetings_invite", kw(pk="learning_network"),
        LOGIN, P_F, P_F, P_H, P_DONE, P_DONE, P_H, P_H, label="learning-network"),
    # A coalition without a series has no meetings to invite to.
    row("coalitions:meetings_invite", kw(pk="project"),
        LOGIN, P_F, P_F, P_F, P_F, P_H, P_F, P_H, label="no-series"),
    row("coalitions:members", kw(pk="coalition"), LOGIN, F, F, OK, OK, H, F, H),
    row("coalitions:member_role", kw(pk="coalition", member_pk="member"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    row("coalitions:member_remove", kw(pk="coalition", member_pk="member"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    # Joining is for people of a network school; leader_a asked already (a message).
    row("coalitions:join", kw(pk="coalition"),
        LOGIN, P_F, P_DONE, P_F, P_F, P_H, P_F, P_H),
    row("coalitions:request_decide", kw(pk="coalition", request_pk="membership_request"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    # Members choose how they hear of new posts.
    row("coalitions:notify", kw(pk="coalition"),
        LOGIN, P_DONE, P_F, P_DONE, P_F, P_H, P_F, P_H),
    row("coalitions:discussion", kw(pk="coalition"),
        LOGIN, READ, READ, READ, READ, READ_H, READ, READ_H),
    # Members and the coordinator post; readers of the network may not.
    row("coalitions:thread_create", kw(pk="coalition"), LOGIN, OK, F, OK, OK, H, F, H),
    row("coalitions:thread", kw(pk="coalition", thread_pk="thread"),
        LOGIN, OK, (200, 403), OK, OK, H, (200, 403), H),
    # staff_a wrote the post: she edits it; she, the lead and the coordinator remove it.
    row("coalitions:post_edit", kw(pk="coalition", post_pk="post"), LOGIN, OK, F, F, F, H, F, H),
    row("coalitions:post_delete", kw(pk="coalition", post_pk="post"),
        LOGIN, P_DONE, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    row("coalitions:resource_create", kw(pk="coalition"), LOGIN, OK, F, OK, OK, H, F, H),
    # staff_a's file, visible with the coalition.
    row("coalitions:download", kw(resource_pk="resource"),
        (302, 405), READ, READ, READ, READ, READ_H, READ, READ_H),
    row("coalitions:resource_delete", kw(resource_pk="resource"),
        LOGIN, P_DONE, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    # --- coalitions: card decks and a school team's prioritisation ------------------------
    # The deck's page holds the card form of the lead and the coordinator.
    row("coalitions:deck", kw(deck_pk="deck"),
        LOGIN, (200, 403), (200, 403), OK, OK, H, (200, 403), H),
    row("coalitions:deck_create", kw(pk="coalition"), LOGIN, F, F, OK, OK, H, F, H),
    row("coalitions:deck_edit", kw(deck_pk="deck"), LOGIN, F, F, OK, OK, H, F, H),
    row("coalitions:deck_delete", kw(deck_pk="deck"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    row("coalitions:card_edit", kw(card_pk="card"), LOGIN, F, F, OK, OK, H, F, H),
    row("coalitions:card_delete", kw(card_pk="card"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    # A school team (any school of the network) starts its own prioritisation.
    row("coalitions:prioritisation_start", kw(deck_pk="deck"),
        LOGIN, P_DONE, P_DONE, P_DONE, P_F, P_H, P_F, P_H),
    # School A's open prioritisation: School A's people work on it, the network's
    # coordinator looks on; it is nobody else's business (coalitions.selectors).
    row("coalitions:prioritisation", kw(prioritisation_pk="prioritisation"),
        LOGIN, READ, READ, READ_H, READ, READ_H, READ_H, READ_H),
    row("coalitions:prioritisation_pick", kw(prioritisation_pk="prioritisation"),
        LOGIN, P_DONE, P_DONE, P_H, P_F, P_H, P_H, P_H),
    row("coalitions:prioritisation_rank", kw(prioritisation_pk="prioritisation"),
        LOGIN, P_DONE, P_DONE, P_H, P_F, P_H, P_H, P_H),
    row("coalitions:prioritisation_finish", kw(prioritisation_pk="prioritisation"),
        LOGIN, P_DONE, P_DONE, P_H, P_F, P_H, P_H, P_H),
    # School B's finished one: its result for School B and the coordinator.
    row("coalitions:prioritisation_result", kw(prioritisation_pk="finished_prioritisation"),
        LOGIN, READ_H, READ_H, READ, READ, READ_H, READ_H, READ_H),
    row("coalitions:prioritisation_csv", kw(prioritisation_pk="finished_prioritisation"),
        LOGIN, READ_H, READ_H, READ, READ, READ_H, READ_H, READ_H),
    # --- coalitions: the Werkstatt project led by leader_b --------------------------------
    row("coalitions:timeline", kw(pk="project"),
        LOGIN, (200, 403), (200, 403), OK, OK, H, (200, 403), H),
    row("coalitions:milestone_edit", kw(pk="project", milestone_pk="milestone"),
        LOGIN, F, F, OK, OK, H, F, H),
    row("coalitions:milestone_delete", kw(pk="project", milestone_pk="milestone"),
        LOGIN, P_F, P_F, P_DONE, P_DONE, P_H, P_F, P_H),
    # --- coalitions: the closed learning network ------------------------------------------
    # Members (the facilitator, leader_a, staff_a) and the network's coordinator only:
    # a closed group is hidden from the rest of the network, the authority included.
    row("coalitions:detail", kw(pk="learning_network"),
        LOGIN, READ, READ, READ_H, READ, READ, READ_H, READ_H,
        label="closed"),
    row("coalitions:discussion", kw(pk="learning_network"),
        LOGIN, READ, READ, READ_H, READ, READ, READ_H, READ_H,
        label="closed"),
    # Members keep their learning questions there; the coordinator is not a member.
    row("coalitions:learning_questions", kw(pk="learning_network"),
        LOGIN, OK, OK, H, (200, 403), OK, H, H),
    # leader_a's private question: hers and the facilitator's (who adds progress notes).
    row("coalitions:learning_question", kw(question_pk="learning_question"),
        LOGIN, H, OK, H, H, OK, H, H),
    row("coalitions:learning_question_edit", kw(question_pk="learning_question"),
        LOGIN, H, OK, H, H, F, H, H),
    # --- coalitions: School A's counselling request, assigned to the facilitator ----------
    row("coalitions:counselling", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    # School leaders file requests.
    row("coalitions:counselling_create", none, LOGIN, F, OK, OK, F, F, F, F),
    # Read by School A, the coordinator, the adviser and the authority; the coordinator
    # handles it.
    row("coalitions:counselling_detail", kw(request_pk="counselling_request"),
        LOGIN, READ, READ, READ_H, READ, READ, READ, READ_H),
    row("coalitions:counselling_assign", kw(request_pk="counselling_request"),
        LOGIN, P_F, P_F, P_H, P_DONE, P_F, P_F, P_H),
    row("coalitions:counselling_status", kw(request_pk="counselling_request"),
        LOGIN, P_F, P_F, P_H, P_DONE, P_F, P_F, P_H),
    # --- self-assessment -----------------------------------------------------------------
    row("selfassessment:index", none, LOGIN, READ, READ, READ, READ, READ, READ, READ),
    # School A's draft: School A reads it, its leader edits; the authority sees it only
    # once submitted.
    row("selfassessment:assessment_detail", kw(pk="draft_a"),
        LOGIN, READ, READ, READ_H, READ_H, READ_H, READ_H, READ_H),
    row("selfassessment:assessment_save", kw(pk="draft_a"),
        LOGIN, P_F, P_BAD, P_H, P_H, P_H, P_H, P_H),
    row("selfassessment:assessment_submit", kw(pk="draft_a"),
        LOGIN, P_F, P_BAD, P_H, P_H, P_H, P_H, P_H),
    # The confirmation page before submitting; its POST without the version is refused.
    row("selfassessment:assessment_submit_confirm", kw(pk="draft_a"),
        LOGIN, F, (200, 400), H, H, H, H, H),
    row("selfassessment:assessment_editors", kw(pk="draft_a"),
        LOGIN, P_F, P_DONE, P_H, P_H, P_H, P_H, P_H),
    # The staff survey of School A's draft is open: the leader opens (again: a message)
    # and closes it.
    row("selfassessment:survey_open", kw(pk="draft_a"),
        LOGIN, P_F, P_DONE, P_H, P_H, P_H, P_H, P_H),
    row("selfassessment:survey_close", kw(pk="draft_a"),
        LOGIN, P_F, P_DONE, P_H, P_H, P_H, P_H, P_H),
    # The one-time link is the credential: anyone holding it answers; the empty answer
    # is a bad request.
    row("selfassessment:survey_respond", lambda w: {"token": w.survey_token},
        (200, 400), (200, 400), (200, 400), (200, 400),
        (200, 400), (200, 400), (200, 400), (200, 400)),
    # A link never sent is no survey, signed in or not.
    row("selfassessment:survey_respond", lambda w: {"token": "no-such-link"},
        H, H, H, H, H, H, H, H, label="unknown-link"),
    # School B's submitted one: the authority returns, accepts, plans the dialogue.
    row("selfassessment:assessment_detail", kw(pk="submitted_b"),
        LOGIN, READ_H, READ_H, READ, READ_H, READ_H, READ, READ_H,
        label="submitted"),
    # An empty review is shown again with its errors; a filled one with the confirmation.
    row("selfassessment:assessment_return", kw(pk="submitted_b"),
        LOGIN, P_H, P_H, P_F, P_H, P_H, P_BAD, P_H),
    row("selfassessment:assessment_accept", kw(pk="submitted_b"),
        LOGIN, P_H, P_H, P_F, P_H, P_H, P_DONE, P_H),
    row("selfassessment:meeting_plan", kw(pk="submitted_b"),
        LOGIN, H, H, F, H, H, OK, H),
    # Nothing to plan on a draft: School A may not, and the authority does not see it yet.
    row("selfassessment:meeting_plan", kw(pk="draft_a"),
        LOGIN, F, F, H, H, H, H, H, label="draft"),
    row("selfassessment:meeting_detail", kw(pk="meeting_b"),
        LOGIN, READ_H, READ_H, READ, READ_H, READ_H, READ, READ_H),
    row("selfassessment:agreement_create", kw(pk="meeting_b"),
        LOGIN, P_H, P_H, P_F, P_H, P_H, P_BAD, P_H),
    # The school reads its agreement and reports progress; the authority changes it.
    row("selfassessment:agreement_detail", kw(pk="agreement_b"),
        LOGIN, H, H, (200, 403), H, H, OK, H),
    row("selfassessment:agreement_note_add", kw(pk="agreement_b"),
        LOGIN, P_H, P_H, P_DONE, P_H, P_H, P_DONE, P_H),
    # The school's leader proposes to close it (the empty proposal is shown again); only
    # the authority confirms or rejects (an empty decision is refused with a message).
    row("selfassessment:agreement_propose", kw(pk="agreement_b"),
        LOGIN, P_H, P_H, P_BAD, P_H, P_H, P_F, P_H),
    row("selfassessment:proposal_confirm", kw(pk="agreement_proposal"),
        LOGIN, P_H, P_H, P_F, P_H, P_H, P_DONE, P_H),
    row("selfassessment:proposal_reject", kw(pk="agreement_proposal"),
        LOGIN, P_H, P_H, P_F, P_H, P_H, P_DONE, P_H),
    # Results: a school reads its own; the coordinator sees the school but not its data.
    row("selfassessment:results_school", kw(pk="school_a"),
        LOGIN, READ, READ, READ_H, READ_F, READ_H, READ, READ_H),
    row("selfassessment:results_school", kw(pk="school_b"),
        LOGIN, READ_H, READ_H, READ, READ_F, READ_H, READ, READ_H, label="school-b"),
    row("selfassessment:result_edit", kw(pk="result_a"), LOGIN, F, F, H, H, H, OK, H),
    # Pages of authority staff, each for their own authority.
    # The first import's address: staff are sent on to the import, for good.
    row("selfassessment:results_import_moved", none,
        LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, (301, 405), (301, 405)),
    # Official exports: the authority's staff upload them; an import is its authority's.
    row("selfassessment:import_list", none, LOGIN, F, F, F, F, F, (200, 400), (200, 400)),
    row("selfassessment:import_template", none,
        LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, READ, READ),
    row("selfassessment:import_detail", kw(pk="result_import"),
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H),
    row("selfassessment:import_status", kw(pk="result_import"),
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H),
    # The file is read and waits for its mapping; an empty POST shows the form again.
    row("selfassessment:import_mapping", kw(pk="result_import"), LOGIN, H, H, H, H, H, OK, H),
    row("selfassessment:import_commit", kw(pk="result_import"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    # Discarding asks first.
    row("selfassessment:import_discard", kw(pk="result_import"),
        LOGIN, H, H, H, H, H, (200, 302), H),
    row("selfassessment:follow_up", none,
        LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, READ, READ),
    row("selfassessment:cycle_open", none, LOGIN, F, F, F, F, F, OK, OK),
    row("selfassessment:cycle_remind", kw(pk="cycle"), LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    row("selfassessment:measure_list", none, LOGIN, F, F, F, F, F, OK, OK),
    row("selfassessment:plan_list", none, LOGIN, F, F, F, F, F, OK, OK),
    # The Demo plan: its schools know it (they assess against it) but may not change it.
    row("selfassessment:plan_detail", kw(pk="plan"), LOGIN, F, F, F, H, H, OK, H),
    row("selfassessment:focus_area_create", kw(pk="plan"),
        LOGIN, P_F, P_F, P_F, P_H, P_H, P_DONE, P_H),
    row("selfassessment:focus_area_edit", kw(pk="focus_area"), LOGIN, F, F, F, H, H, OK, H),
    row("selfassessment:goal_create", kw(pk="focus_area"),
        LOGIN, P_F, P_F, P_F, P_H, P_H, P_DONE, P_H),
    row("selfassessment:goal_edit", kw(pk="goal"), LOGIN, F, F, F, H, H, OK, H),
    row("selfassessment:indicator_create", kw(pk="goal"),
        LOGIN, P_F, P_F, P_F, P_H, P_H, P_DONE, P_H),
    row("selfassessment:indicator_edit", kw(pk="indicator"), LOGIN, F, F, F, H, H, OK, H),
    row("selfassessment:measure_edit", kw(pk="measure"), LOGIN, F, F, F, H, H, OK, H),
    # --- annual reports ------------------------------------------------------------------
    row("reports:archive", none, READ, READ, READ, READ, READ, READ, READ, READ),
    # Staff of any authority start their own authority's report.
    row("reports:start", none, LOGIN, F, F, F, F, F, OK, OK),
    # The published 2025 report is public, HTML and PDF; its management is the Demo
    # authority's.
    row("reports:detail", kw(pk="published_report"),
        READ, READ, READ, READ, READ, READ, READ, READ),
    row("reports:pdf", kw(pk="published_report"),
        READ, READ, READ, READ, READ, READ, READ, READ),
    row("reports:rendition_status", lambda w: {"pk": w.published_report.pk, "kind": "pdf"},
        READ, READ, READ, READ, READ, READ, READ, READ),
    row("reports:manage", kw(pk="published_report"),
        LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, READ, READ_F,
        label="published"),
    row("reports:rendition_request", lambda w: {"pk": w.published_report.pk, "kind": "pdf"},
        LOGIN, P_F, P_F, P_F, P_F, P_F, P_DONE, P_F),
    row("reports:rendition_download", lambda w: {"pk": w.published_report.pk, "kind": "pdf"},
        LOGIN, READ_F, READ_F, READ_F, READ_F, READ_F, READ, READ_F),
    row("reports:withdraw", kw(pk="published_report"),
        LOGIN, P_F, P_F, P_F, P_F, P_F, P_DONE, P_F),
    row("reports:new_version", kw(pk="published_report"),
        LOGIN, P_F, P_F, P_F, P_F, P_F, P_DONE, P_F),
    # Published is final: its authority still opens a chapter (with its preview) but may
    # not save it; removing a chapter or publishing again is refused with a message.
    row("reports:section_edit", kw(pk="published_report", section_pk="published_section"),
        LOGIN, F, F, F, F, F, (200, 403), F, label="published"),
    row("reports:section_remove", kw(pk="published_report", section_pk="published_section"),
        LOGIN, P_F, P_F, P_F, P_F, P_F, P_DONE, P_F, label="published"),
    row("reports:publish", kw(pk="published_report"),
        LOGIN, P_F, P_F, P_F, P_F, P_F, P_DONE, P_F, label="published"),
    # The 2026 draft exists for the Demo authority's staff alone. Reports have public
    # pages, so an anonymous visitor gets the same 404 as everyone else outside.
    row("reports:detail", kw(pk="draft_report"),
        READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H,
        label="draft"),
    row("reports:manage", kw(pk="draft_report"),
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H),
    row("reports:details", kw(pk="draft_report"), LOGIN, H, H, H, H, H, OK, H),
    row("reports:section_add", kw(pk="draft_report"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    row("reports:section_edit", kw(pk="draft_report", section_pk="draft_section"),
        LOGIN, H, H, H, H, H, OK, H),
    row("reports:section_move", kw(pk="draft_report", section_pk="draft_section"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    row("reports:section_remove", kw(pk="draft_report", section_pk="draft_section"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    row("reports:comment_add", kw(pk="draft_report", section_pk="draft_section"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    # The empty form names no reviewer: the page shows it again with the error.
    row("reports:submit", kw(pk="draft_report"), LOGIN, P_H, P_H, P_H, P_H, P_H, P_BAD, P_H),
    # A draft cannot be published before review: the staff member gets a message.
    row("reports:publish", kw(pk="draft_report"), LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H),
    # The 2024 report in review: like the draft, its authority's alone until published,
    # with no PDF yet, not even for its authority.
    row("reports:detail", kw(pk="review_report"),
        READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H,
        label="in-review"),
    row("reports:pdf", kw(pk="review_report"),
        READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H,
        label="in-review"),
    row("reports:rendition_download", lambda w: {"pk": w.review_report.pk, "kind": "pdf"},
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, READ_H, label="in-review"),
    row("reports:manage", kw(pk="review_report"),
        LOGIN, READ_H, READ_H, READ_H, READ_H, READ_H, READ, READ_H, label="in-review"),
    row("reports:details", kw(pk="review_report"),
        LOGIN, H, H, H, H, H, OK, H, label="in-review"),
    row("reports:section_add", kw(pk="review_report"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H, label="in-review"),
    row("reports:section_edit", kw(pk="review_report", section_pk="review_section"),
        LOGIN, H, H, H, H, H, OK, H, label="in-review"),
    row("reports:section_move", kw(pk="review_report", section_pk="review_section"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H, label="in-review"),
    row("reports:comment_add", kw(pk="review_report", section_pk="review_section"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H, label="in-review"),
    row("reports:submit", kw(pk="review_report"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H, label="in-review"),
    row("reports:new_version", kw(pk="review_report"),
        LOGIN, P_H, P_H, P_H, P_H, P_H, P_DONE, P_H, label="in-review"),
]
# fmt: on

# URL names whose anonymous 302 is not the login page, and why.
ANONYMOUS_REDIRECTS = {
    "qnet:language_set": "the language switch works before signing in: back to the page",
}

# Every route with arguments, asked by GET and POST with arguments that name nothing
# (routes.unknown_path): by a visitor and by the outsider, a school leader of the other
# authority who is signed in but in no scope of the world. Whatever the URL, that is no
# page and no crash; the visitor's redirects go to the login page.
UNKNOWN_OBJECT_PERSONAS = ("anonymous", "outsider")
NO_PAGE = {302, 400, 403, 404, 405, 410}
