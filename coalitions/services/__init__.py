"""The write path of the coalitions app: every change goes through one of these."""

from .cards import (
    card_create,
    card_delete,
    card_update,
    deck_create,
    deck_delete,
    deck_update,
    prioritisation_finish,
    prioritisation_pick,
    prioritisation_rank,
    prioritisation_start,
)
from .coalitions import (
    coalition_close,
    coalition_create,
    coalition_update,
    member_add,
    member_notify_set,
    member_remove,
    member_role_change,
    membership_request_create,
    membership_request_decide,
)
from .counselling import (
    counselling_request_assign,
    counselling_request_create,
    counselling_request_status_change,
)
from .discussion import digest_send, post_create, post_delete, post_edit, thread_create
from .library import (
    max_upload_bytes,
    resource_create,
    resource_delete,
    tags_normalise,
    upload_check,
)
from .meetings import coalition_schools_invite
from .work import (
    learning_question_create,
    learning_question_update,
    may_write_note,
    milestone_create,
    milestone_delete,
    milestone_update,
    progress_note_create,
)

__all__ = [
    "coalition_schools_invite",
    "card_create", "card_delete", "card_update", "coalition_close", "coalition_create",
    "coalition_update", "counselling_request_assign", "counselling_request_create",
    "counselling_request_status_change", "deck_create", "deck_delete", "deck_update",
    "digest_send", "learning_question_create", "learning_question_update", "max_upload_bytes",
    "may_write_note", "member_add", "member_notify_set", "member_remove", "member_role_change",
    "membership_request_create", "membership_request_decide", "milestone_create",
    "milestone_delete", "milestone_update", "post_create", "post_delete", "post_edit",
    "prioritisation_finish", "prioritisation_pick", "prioritisation_rank",
    "prioritisation_start", "progress_note_create", "resource_create", "resource_delete",
    "tags_normalise", "thread_create", "upload_check",
]  # fmt: skip
