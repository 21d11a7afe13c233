"""The staff user's notifications (at /backoffice/meldingen/, namespace
"notifications"): the list (unread first, newest first, paged), marking read (one or
all) and the preferences. Each user sees and changes only their own."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import PreferencesForm
from .models import Notification

#: Who has notifications: the municipality's staff who work on complaints.
VIEW = "complaints.list_complaints"


def _require_staff(user) -> None:
    if not user.has_perm(VIEW) or user.partner_id:
        raise PermissionDenied


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    rows = services.inbox(request.user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )
    paginator = Paginator(rows, settings.VANGNET["PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "unread_count": services.unread_count(request.user),
        },
    )


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request.user)
    try:
        notification = services.mark_read(request.user, pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    if request.POST.get("open"):
        return redirect("backoffice:complaint_detail", notification.complaint_id)
    return _back(request)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn gelezen."))
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    _require_staff(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.set_preferences(request.user, dict(form.cleaned_data))
            messages.success(request, _("Uw keuzes zijn bewaard."))
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial=services.preferences(request.user))
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
