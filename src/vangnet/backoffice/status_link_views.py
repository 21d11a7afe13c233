"""The resident's status link on the complaint page (`complaints.statuslinks`): revoke
every link, or revoke them and e-mail a new one (`handling.statuslinks`). For who may
manage links (the coordinator); the token itself is never shown to staff."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vangnet.complaints import selectors
from vangnet.complaints.statuslinks import MANAGE_PERMISSION, revoke_all
from vangnet.core.forms import apply_service_errors
from vangnet.core.permissions import require
from vangnet.handling.statuslinks import reissue_status_link

from .complaint_page import render_page


def _manage(request: HttpRequest, pk: int, change: Callable) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, pk)
    require(request.user, MANAGE_PERMISSION, complaint)
    try:
        message = change(complaint)
    except ValidationError as error:
        form = Form(auto_id="status_link_%s", data={})
        form.full_clean()
        apply_service_errors(form, error)
        return render_page(
            request, complaint, bound={"name": "status_link", "form": form}, status=400
        )
    messages.success(request, message)
    return redirect("backoffice:complaint_detail", pk=complaint.pk)


@login_required
@require_POST
def complaint_status_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    def revoke(complaint) -> str:
        count = revoke_all(complaint, request.user)
        return ngettext(
            "%(count)s werkende statuslink is ingetrokken.",
            "%(count)s werkende statuslinks zijn ingetrokken.",
            count,
        ) % {"count": count}

    return _manage(request, pk, revoke)


@login_required
@require_POST
def complaint_status_link_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    def reissue(complaint) -> str:
        address = reissue_status_link(complaint=complaint, actor=request.user)
        return _(
            "Er is een nieuwe statuslink gestuurd naar %(email)s. Oude links werken niet meer."
        ) % {"email": address}

    return _manage(request, pk, reissue)
