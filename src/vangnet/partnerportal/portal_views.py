"""The portal for signed-in partner users (`/partner/`, `/partner/klachten/<pk>/`): the
complaints forwarded to their partner, and the reply to one. Thin views over the
`partner_reply` action (`vangnet.handling`, every write) and `partnerportal.selectors`
(every read).
A complaint not forwarded to their partner is a 404. Like every page with personal data:
never cached, the address never sent on to another site (see `reply_views`).
"""

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

from vangnet.complaints import deadlines
from vangnet.complaints.models import Forward
from vangnet.core.forms import apply_service_errors
from vangnet.core.http import private_page
from vangnet.core.roles import Role
from vangnet.handling import forwarding
from vangnet.handling.guard import perform

from . import selectors
from .forms import ForwardFilterForm, ReplyForm
from .reply_views import already_replied


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
                perform(
                    "partner_reply",
                    actor=user,
                    complaint=forward.complaint,
                    data={**form.cleaned_data, "forward": forward},
                )
            except ValidationError as error:
                if already_replied(error):
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
