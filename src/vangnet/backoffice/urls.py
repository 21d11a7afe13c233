"""The back office's addresses. The actions on a complaint get theirs from the registry
(`vangnet.handling`): every step at `klachten/<pk>/stap/<step>/`, every other action at
`klachten/<pk>/<its page_path>/`, all through one view."""

from django.urls import path

from vangnet.handling.base import ACTIONS, ProcedureStep

from . import (
    actions,
    attachments_views,
    complaint_list,
    complaint_page,
    email_views,
    letters_views,
    registration,
    status_link_views,
    work,
)

app_name = "backoffice"


def _action_urls() -> list:
    """One address per action that shows on the complaint page (not the steps: they
    share `complaint_step`)."""
    return [
        path(
            f"klachten/<int:pk>/{action.page_path}/",
            actions.take_action,
            {"name": action.name},
            name=f"complaint_{action.name}",
        )
        for action in ACTIONS.values()
        if action.placement and not isinstance(action, ProcedureStep)
    ]


urlpatterns = [
    path("", work.my_work, name="my_work"),
    path("klachten/", complaint_list.complaint_list, name="complaint_list"),
    path("klachten/nieuw/", registration.complaint_create, name="complaint_create"),
    path("klachten/<int:pk>/", complaint_page.complaint_detail, name="complaint_detail"),
    # Every step of the procedure (complaints.workflow.Step) through one view.
    path("klachten/<int:pk>/stap/<str:step>/", actions.complaint_step, name="complaint_step"),
    *_action_urls(),
    path(
        "klachten/<int:pk>/afhandelingsbrief-voorbeeld/",
        letters_views.conclusion_preview,
        name="conclusion_preview",
    ),
    path(
        "klachten/<int:pk>/bijlagen/<int:attachment_pk>/",
        attachments_views.attachment_download,
        name="attachment_download",
    ),
    path(
        "klachten/<int:pk>/brieven/<int:letter_pk>/",
        letters_views.letter_download,
        name="letter_download",
    ),
    path(
        "klachten/<int:pk>/brieven/<int:letter_pk>/concept/",
        letters_views.letter_draft,
        name="letter_draft",
    ),
    path(
        "klachten/<int:pk>/statuslink/intrekken/",
        status_link_views.complaint_status_link_revoke,
        name="complaint_status_link_revoke",
    ),
    path(
        "klachten/<int:pk>/statuslink/opnieuw/",
        status_link_views.complaint_status_link_reissue,
        name="complaint_status_link_reissue",
    ),
    path("e-mail/<int:pk>/opnieuw/", email_views.email_resend, name="email_resend"),
]
