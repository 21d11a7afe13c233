"""The partner portal and the reply link: thin views over
`vangnet.complaints.forwarding` (every write) and `partnerportal.selectors` (every read).

- The reply link (`/partner/antwoord/<token>/`) needs no account: the token is the
  authorization, resolved again on every request. An unknown or replaced token gets a
  friendly 404 page; once the partner replied, the page shows what was sent.
- The portal (`/partner/`, `/partner/klachten/<pk>/`) is for signed-in partner users:
  the complaints forwarded to their partner, and the reply. A complaint not forwarded to
  their partner is a 404.

These pages hold personal data: never cached, the address never sent on to another site.
The referrer policy is `same-origin`, not `no-referrer`: under `no-referrer` a browser
sends `Origin: null` with a form's POST, even to the same site, and Django's CSRF check
refuses it ("Origin checking failed"). `same-origin` still never hands the address (with
the token) to another site.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.backoffice.forms import apply_service_errors
from vangnet.complaints import deadlines, forwarding
from vangnet.complaints.models import Forward
from vangnet.core.roles import Role

from . import selectors
from .forms import ForwardFilterForm, ReplyForm


def private_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _already_replied(error: ValidationError) -> bool:
    return hasattr(error, "error_dict") and "forward" in error.error_dict


# --- The reply link (no account) ----------------------------------------------------------


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerportal/reply_not_found.html", status=404)


@private_page
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, token: str) -> HttpResponse:
    forward = forwarding.resolve_reply_token(token)
    if forward is None:
        return _not_found(request)
    if forward.replied_at is not None:
        return render(request, "partnerportal/reply_sent.html", {"forward": forward})
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, auto_id="reply_%s")
        if form.is_valid():
            try:
                forwarding.record_partner_reply(
                    forward=forward,
                    actor=None,
                    name=form.cleaned_data["name"],
                    action=form.cleaned_data["action"],
                    outcome=form.cleaned_data["outcome"],
                )
            except ValidationError as error:
                if _already_replied(error):  # a double click, a second tab
                    return redirect("partnerportal:reply_sent", token=token)
                apply_service_errors(form, error)
            else:
                return redirect("partnerportal:reply_sent", token=token)
        status = 400
    else:
        form = ReplyForm(auto_id="reply_%s")
    return render(
        request,
        "partnerportal/reply.html",
        {"forward": forward, "complaint": forward.complaint, "form": form, "token": token},
        status=status,
    )


@private_page
@require_GET
def reply_sent(request: HttpRequest, token: str) -> HttpResponse:
    forward = forwarding.resolve_reply_token(token)
    if forward is None:
        return _not_found(request)
    if forward.replied_at is None:
        return redirect("partnerportal:reply", token=token)
    return render(request, "partnerportal/reply_sent.html", {"forward": forward, "just_sent": True})


# --- The portal (partner users) -----------------------------------------------------------


def _require_partner_user(user) -> None:
    if not (user.has_perm("backoffice.access") and user.has_role(Role.PARTNER) and user.partner_id):
        raise PermissionDenied


@login_required
@private_page
@require_GET
def forward_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_partner_user(user)
    form = ForwardFilterForm(request.GET, auto_id="filter_%s")
    valid = form.is_valid()
    today = deadlines.today()
    if valid:
        data = form.cleaned_data
        forwards = selectors.order_forwards(
            selectors.filter_forwards(
                selectors.partner_forwards(user),
                status=data["status"],
                reference=data["q"],
                today=today,
            ),
            data["ordering"],
        )
    else:
        forwards = Forward.objects.none()
    paginator = Paginator(forwards, settings.VANGNET["PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "partnerportal/list.html",
        {
            "partner": user.partner,
            "form": form,
            "valid": valid,
            "page": page,
            "rows": list(page.object_list),
            "today": today,
            "count_label": ngettext(
                "%(count)s doorgestuurde klacht",
                "%(count)s doorgestuurde klachten",
                paginator.count,
            )
            % {"count": paginator.count},
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
        },
    )


@login_required
@private_page
@require_http_methods(["GET", "POST"])
def forward_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _require_partner_user(user)
    forward = selectors.forward_for_complaint(user, pk)
    status = 200
    form = None
    if forward.replied_at is not None:
        if request.method == "POST":
            messages.warning(request, forwarding.already_replied_message(forward))
            return redirect("partnerportal:detail", pk=pk)
    elif request.method == "POST":
        form = ReplyForm(request.POST, auto_id="reply_%s", with_name=False)
        if form.is_valid():
            try:
                forwarding.record_partner_reply(
                    forward=forward,
                    actor=user,
                    action=form.cleaned_data["action"],
                    outcome=form.cleaned_data["outcome"],
                )
            except ValidationError as error:
                if _already_replied(error):
                    messages.warning(request, " ".join(error.message_dict["forward"]))
                    return redirect("partnerportal:detail", pk=pk)
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Dank u wel. De gemeente heeft uw antwoord over klacht %(ref)s ontvangen.")
                    % {"ref": forward.complaint.reference},
                )
                return redirect("partnerportal:detail", pk=pk)
        status = 400
    else:
        form = ReplyForm(auto_id="reply_%s", with_name=False)
    return render(
        request,
        "partnerportal/detail.html",
        {
            "forward": forward,
            "complaint": forward.complaint,
            "form": form,
            "today": deadlines.today(),
        },
        status=status,
    )
