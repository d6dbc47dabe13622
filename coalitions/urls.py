from django.urls import path

from .views import cards, coalitions, counselling, discussion, library, meetings, work

app_name = "coalitions"

urlpatterns = [
    path("", coalitions.coalition_list, name="list"),
    path("new/", coalitions.coalition_create, name="create"),
    path("<int:pk>/", coalitions.coalition_detail, name="detail"),
    path("<int:pk>/edit/", coalitions.coalition_edit, name="edit"),
    path("<int:pk>/close/", coalitions.coalition_close, name="close"),
    path("<int:pk>/members/", coalitions.member_manage, name="members"),
    path("<int:pk>/members/<int:member_pk>/role/", coalitions.member_role, name="member_role"),
    path(
        "<int:pk>/members/<int:member_pk>/remove/", coalitions.member_remove, name="member_remove"
    ),
    path("<int:pk>/join/", coalitions.membership_request, name="join"),
    path(
        "<int:pk>/requests/<int:request_pk>/decide/",
        coalitions.membership_decide,
        name="request_decide",
    ),
    path("<int:pk>/notify/", coalitions.notify_set, name="notify"),
    path("<int:pk>/meetings/invite/", meetings.meetings_invite, name="meetings_invite"),
    path("<int:pk>/discussion/", discussion.discussion, name="discussion"),
    path("<int:pk>/discussion/new/", discussion.thread_create, name="thread_create"),
    path("<int:pk>/discussion/<int:thread_pk>/", discussion.thread_detail, name="thread"),
    path("<int:pk>/posts/<int:post_pk>/edit/", discussion.post_edit, name="post_edit"),
    path("<int:pk>/posts/<int:post_pk>/delete/", discussion.post_delete, name="post_delete"),
    path("<int:pk>/resources/new/", library.resource_create, name="resource_create"),
    path("<int:pk>/timeline/", work.timeline, name="timeline"),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/edit/", work.milestone_edit, name="milestone_edit"
    ),
    path(
        "<int:pk>/milestones/<int:milestone_pk>/delete/",
        work.milestone_delete,
        name="milestone_delete",
    ),
    path("<int:pk>/learning-questions/", work.learning_questions, name="learning_questions"),
    path(
        "learning-questions/<int:question_pk>/",
        work.learning_question_detail,
        name="learning_question",
    ),
    path(
        "learning-questions/<int:question_pk>/edit/",
        work.learning_question_edit,
        name="learning_question_edit",
    ),
    path("<int:pk>/decks/new/", cards.deck_create, name="deck_create"),
    path("decks/<int:deck_pk>/", cards.deck_detail, name="deck"),
    path("decks/<int:deck_pk>/edit/", cards.deck_edit, name="deck_edit"),
    path("decks/<int:deck_pk>/delete/", cards.deck_delete, name="deck_delete"),
    path(
        "decks/<int:deck_pk>/prioritise/", cards.prioritisation_start, name="prioritisation_start"
    ),
    path("cards/<int:card_pk>/edit/", cards.card_edit, name="card_edit"),
    path("cards/<int:card_pk>/delete/", cards.card_delete, name="card_delete"),
    path(
        "prioritisations/<int:prioritisation_pk>/",
        cards.prioritisation_detail,
        name="prioritisation",
    ),
    path(
        "prioritisations/<int:prioritisation_pk>/pick/",
        cards.prioritisation_pick,
        name="prioritisation_pick",
    ),
    path(
        "prioritisations/<int:prioritisation_pk>/rank/",
        cards.prioritisation_rank,
        name="prioritisation_rank",
    ),
    path(
        "prioritisations/<int:prioritisation_pk>/finish/",
        cards.prioritisation_finish,
        name="prioritisation_finish",
    ),
    path(
        "prioritisations/<int:prioritisation_pk>/result/",
        cards.prioritisation_result,
        name="prioritisation_result",
    ),
    path(
        "prioritisations/<int:prioritisation_pk>/result.csv",
        cards.prioritisation_csv,
        name="prioritisation_csv",
    ),
    path("library/", library.library, name="library"),
    path("resources/<int:resource_pk>/download/", library.resource_download, name="download"),
    path("resources/<int:resource_pk>/delete/", library.resource_delete, name="resource_delete"),
    path("counselling/", counselling.counselling_list, name="counselling"),
    path("counselling/new/", counselling.counselling_create, name="counselling_create"),
    path(
        "counselling/<int:request_pk>/",
        counselling.counselling_detail,
        name="counselling_detail",
    ),
    path(
        "counselling/<int:request_pk>/assign/",
        counselling.counselling_assign,
        name="counselling_assign",
    ),
    path(
        "counselling/<int:request_pk>/status/",
        counselling.counselling_status,
        name="counselling_status",
    ),
]
