"""The survey pages. For the complainant (no login; the token in the address is the
only authorisation): the two questions, the thanks. For the coordinator: the unhappy
answers still waiting, and "Gezien". Thin: the rules are in `services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.core.forms import apply_service_errors
from vangnet.core.http import private_page
from vangnet.organisations.models import Municipality

from . import services
from .forms import SurveyForm
from .models import SurveyInvitation, SurveyResponse

# --- For the complainant ----------------------------------------------------------------


def _not_found(request: HttpRequest) -> HttpResponse:
    """One friendly page for every link that does not work (unknown, malformed,
    expired), without saying which."""
    return render(
        request,
        "surveys/not_found.html",
        {"contact": Municipality.current(), "days": services.SURVEY_DAYS},
        status=404,
    )


def _answered(request: HttpRequest, invitation: SurveyInvitation) -> HttpResponse:
    return render(request, "surveys/answered.html", {"complaint": invitation.complaint})


def _link_error(error: ValidationError) -> str | None:
    """The code of a service error about the link itself (answered, expired), else None."""
    if hasattr(error, "error_dict") and "invitation" in error.error_dict:
        return error.error_dict["invitation"][0].code or services.EXPIRED
    return None


@private_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.resolve(token)
    if invitation is None:
        return _not_found(request)
    if invitation.answered_at is not None:
        return _answered(request, invitation)
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST, auto_id="survey_%s")
        if form.is_valid():
            try:
                services.submit_response(
                    invitation=invitation,
                    satisfaction=form.cleaned_data["satisfaction"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                code = _link_error(error)
                if code == services.ALREADY_ANSWERED:
                    return _answered(request, invitation)
                if code is not None:
                    return _not_found(request)
                apply_service_errors(form, error)
            else:
                return redirect("surveys:thanks", token=token)
        status = 400
    else:
        form = SurveyForm(auto_id="survey_%s")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "token": token, "complaint": invitation.complaint},
        status=status,
    )


@private_page
@require_GET
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.resolve(token)
    if invitation is None:
        return _not_found(request)
    if invitation.answered_at is None:
        return redirect("surveys:answer", token=token)
    response = SurveyResponse.objects.filter(invitation=invitation).first()
    return render(
        request,
        "surveys/thanks.html",
        {
            "complaint": invitation.complaint,
            "unhappy": bool(response and response.is_unhappy),
            "contact": Municipality.current(),
        },
    )


# --- For the coordinator ----------------------------------------------------------------


def _require_coordinator(user) -> None:
    if not user.has_perm(services.HANDLE_PERMISSION):
        raise PermissionDenied


@login_required
@require_GET
def unhappy(request: HttpRequest) -> HttpResponse:
    """Every unhappy answer still waiting (the work page shows the first few)."""
    _require_coordinator(request.user)
    return render(request, "surveys/unhappy.html")


def _back_to(request: HttpRequest) -> str:
    """Where the coordinator came from (the work page, a complaint, this list): the
    form's `next`, when it is an address on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("surveys:unhappy")


@login_required
@require_POST
def mark_handled(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request.user)
    response = get_object_or_404(
        SurveyResponse.objects.select_related("invitation__complaint"), pk=pk
    )
    complaint = response.invitation.complaint
    if not request.user.has_perm(services.HANDLE_PERMISSION, complaint):
        raise PermissionDenied
    try:
        services.mark_handled(actor=request.user, response=response)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De reactie bij klacht %(reference)s staat op ‘gezien’.")
            % {"reference": complaint.reference},
        )
    return redirect(_back_to(request))
