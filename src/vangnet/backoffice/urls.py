from django.urls import path

from . import email_views, views

app_name = "backoffice"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("klachten/", views.complaint_list, name="complaint_list"),
    path("klachten/nieuw/", views.complaint_create, name="complaint_create"),
    path("klachten/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("klachten/<int:pk>/toewijzen/", views.complaint_assign, name="complaint_assign"),
    # Every step of the procedure (complaints.workflow.Step) through one view.
    path("klachten/<int:pk>/stap/<str:step>/", views.complaint_step, name="complaint_step"),
    path(
        "klachten/<int:pk>/afhandelingsbrief-voorbeeld/",
        views.conclusion_preview,
        name="conclusion_preview",
    ),
    path("klachten/<int:pk>/verdagen/", views.complaint_extend, name="complaint_extend"),
    path("klachten/<int:pk>/uitstel/", views.complaint_delay, name="complaint_delay"),
    path(
        "klachten/<int:pk>/bijdrage/", views.complaint_contribution, name="complaint_contribution"
    ),
    path(
        "klachten/<int:pk>/casusbespreking/",
        views.complaint_joint_discussion,
        name="complaint_joint_discussion",
    ),
    path("klachten/<int:pk>/notitie/", views.complaint_note, name="complaint_note"),
    path("klachten/<int:pk>/thema/", views.complaint_theme, name="complaint_theme"),
    path("klachten/<int:pk>/bijlagen/", views.complaint_attachments, name="complaint_attachments"),
    path(
        "klachten/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "klachten/<int:pk>/brieven/<int:letter_pk>/", views.letter_download, name="letter_download"
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
    path("e-mail/<int:pk>/opnieuw/", email_views.email_resend, name="email_resend"),
]
