from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/manage/", views.report_manage, name="manage"),
    path("<int:pk>/details/", views.report_details, name="details"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/publish/", views.report_publish, name="publish"),
    path("<int:pk>/withdraw/", views.report_withdraw, name="withdraw"),
    path("<int:pk>/new-version/", views.report_new_version, name="new_version"),
    path("<int:pk>/chapters/add/", views.section_add, name="section_add"),
    path("<int:pk>/chapters/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("<int:pk>/chapters/<int:section_pk>/move/", views.section_move, name="section_move"),
    path("<int:pk>/chapters/<int:section_pk>/remove/", views.section_remove, name="section_remove"),
    path(
        "<int:pk>/chapters/<int:section_pk>/comments/",
        views.review_comment_add,
        name="comment_add",
    ),
    path("<int:pk>/files/<str:kind>/", views.rendition_request, name="rendition_request"),
    path("<int:pk>/files/<str:kind>/status/", views.rendition_status, name="rendition_status"),
    path(
        "<int:pk>/files/<str:kind>/download/", views.rendition_download, name="rendition_download"
    ),
]
