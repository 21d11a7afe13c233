"""The dashboard page: `dashboard.build` for the user's own scope, every number a link
to the complaint list. For everyone who may list complaints (coordinator, handler,
partner user); a viewer has the annual report instead and gets 403 here."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import dashboard as selector

LIST = "complaints.list_complaints"


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(LIST):
        raise PermissionDenied
    board = selector.build(request.user)
    breakdowns = [
        ("handler", _("Open klachten per behandelaar"), _("Behandelaar"), board.by_handler),
        ("theme", _("Open klachten per thema"), _("Thema (met subthema's)"), board.by_theme),
        ("department", _("Open klachten per afdeling"), _("Afdeling"), board.by_department),
        ("partner", _("Open klachten per partner"), _("Partner"), board.by_partner),
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "dashboard": board,
            "breakdowns": [
                {"key": key, "caption": caption, "column": column, "rows": rows}
                for key, caption, column, rows in breakdowns
            ],
        },
    )
