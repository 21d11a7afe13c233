from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("klachten/", views.complaint_list, name="complaint_list"),
    path("klachten/nieuw/", views.complaint_create, name="complaint_create"),
    path("klachten/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("klachten/<int:pk>/toewijzen/", views.complaint_assign, name="complaint_assign"),
    path("klachten/<int:pk>/status/", views.complaint_transition, name="complaint_transition"),
    path("klachten/<int:pk>/notitie/", views.complaint_note, name="complaint_note"),
    path("klachten/<int:pk>/thema/", views.complaint_theme, name="complaint_theme"),
    path("klachten/<int:pk>/bijlagen/", views.complaint_attachments, name="complaint_attachments"),
    path(
        "klachten/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("klachten/<int:pk>/doorsturen/", views.complaint_forward, name="complaint_forward"),
    path(
        "klachten/<int:pk>/statuslink/intrekken/",
        views.complaint_status_link_revoke,
        name="complaint_status_link_revoke",
    ),
    path(
        "klachten/<int:pk>/statuslink/opnieuw/",
        views.complaint_status_link_reissue,
        name="complaint_status_link_reissue",
    ),
    path("cijfers/", views.figures, name="figures"),
]
