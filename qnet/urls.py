from django.contrib import admin
from django.urls import include, path

from qnet import views

app_urls = (
    [
        path("organisations/", views.organisations, name="organisations"),
        path(
            "organisations/<str:kind>/<int:pk>/",
            views.organisation_detail,
            name="organisation_detail",
        ),
        path(
            "organisations/<str:kind>/<int:pk>/invite/",
            views.invitation_create,
            name="invitation_create",
        ),
        path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
        path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
        path("profile/", views.profile, name="profile"),
        path("profile/notifications/", views.notice_preferences, name="notice_preferences"),
        path("notices/", views.notices, name="notices"),
        path("notices/read-all/", views.notices_mark_all_read, name="notices_mark_all_read"),
        path("notices/<int:pk>/open/", views.notice_open, name="notice_open"),
        path("profile/data.json", views.data_export, name="data_export"),
        path("profile/erase/", views.account_erase, name="account_erase"),
        path("privacy/", views.privacy_page, name="privacy"),
        path("accessibility/", views.accessibility_page, name="accessibility"),
        path("language/", views.language_set, name="language_set"),
        path("audit/", views.audit_log, name="audit_log"),
    ],
    "qnet",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("", include(app_urls)),
    path("events/", include("events.urls")),
    path("coalitions/", include("coalitions.urls")),
    path("self-assessment/", include("selfassessment.urls")),
    path("reports/", include("reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
