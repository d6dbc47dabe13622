from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.event_month, name="month"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/excuse/", views.registration_excuse, name="excuse"),
    path("<int:pk>/calendar.ics", views.event_calendar, name="calendar"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/agenda/", views.agenda_edit, name="agenda"),
    path(
        "<int:pk>/agenda/<int:item_pk>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("<int:pk>/proposals/", views.proposal_create, name="proposal_create"),
    path(
        "<int:pk>/proposals/<int:proposal_pk>/decide/",
        views.proposal_decide,
        name="proposal_decide",
    ),
    path("<int:pk>/guests/", views.guests, name="guests"),
    path("<int:pk>/attachments/", views.attachments, name="attachments"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("guests/<str:token>/", views.guest_respond, name="guest_respond"),
    path("<int:pk>/minutes/", views.minutes_edit, name="minutes"),
    path("<int:pk>/minutes/finalise/", views.minutes_finalise, name="minutes_finalise"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/cancel-event/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/copy/", views.event_copy, name="copy"),
    path("series/new/", views.series_create, name="series_create"),
    path("series/<int:pk>/", views.series_detail, name="series_detail"),
    path("series/<int:pk>/calendar.ics", views.series_calendar, name="series_calendar"),
    path("polls/", views.poll_list, name="poll_list"),
    path("polls/new/", views.poll_create, name="poll_create"),
    path("polls/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/vote/", views.poll_vote, name="poll_vote"),
    path("polls/<int:pk>/close/", views.poll_close, name="poll_close"),
    path("formats/", views.format_list, name="format_list"),
    path("formats/new/", views.format_create, name="format_create"),
    path("formats/<int:pk>/edit/", views.format_edit, name="format_edit"),
    path("feed/", views.feed_manage, name="feed_manage"),
    path("feed/new/", views.feed_create, name="feed_create"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
