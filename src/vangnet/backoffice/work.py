"""'Mijn werk': a handler's open complaints (overdue, due soon, assigned, and those of
their department to pick up when allowed), each list with its tile; a partner user's
forwarded complaints; and the coordinator's desk.

Other parts add a block of their own: a key in the context and an include in
`backoffice/my_work.html` (after the tiles)."""

from datetime import date

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vangnet.complaints import copies, selectors
from vangnet.complaints.models import Forward
from vangnet.complaints.workflow import OPEN_STATES, State
from vangnet.core.roles import Role
from vangnet.letters import drafts, outbox
from vangnet.notifications.services import work_summary

from .rows import is_only_partner, page_size, with_urgency


def _coordinator_desk(user, *, today: date, limit: int) -> dict:
    """What only the coordinator's desk shows: open complaints without a handler per
    state, every overdue complaint, e-mail that could not be delivered, unhappy
    complainants and partners that did not reply after a reminder."""
    visible = selectors.visible_complaints(user)
    unassigned = dict(
        selectors.open_complaints(visible)
        .filter(handler__isnull=True)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    failed = outbox.failed_messages(user)
    silent_partners = (
        Forward.objects.filter(
            escalated_on__isnull=False,
            replied_at__isnull=True,
            complaint__in=selectors.open_complaints(visible),
        )
        .select_related("complaint", "partner")
        .order_by("reply_due_on", "id")
    )
    desk = {
        "unassigned": {
            "total": sum(unassigned.values()),
            "by_state": [
                {"state": state, "label": state.label, "count": unassigned[state]}
                for state in State
                if state in OPEN_STATES and unassigned.get(state)
            ],
        },
        "all_overdue": selectors.overdue(visible, on=today).count(),
        "failed_emails": list(failed[:limit]),
        "failed_total": failed.count(),
        "silent_partners": list(silent_partners[:limit]),
        "silent_total": silent_partners.count(),
        "limit": limit,
        # The unhappy answers come from the surveys app's own include and tag.
        "surveys_installed": apps.is_installed("vangnet.surveys"),
    }
    return desk


def _sections(user, work: dict, *, limit: int) -> list[dict]:
    """The handler's lists, each with its tile: the tile's number is the list's total,
    both from the one queryset of `selectors.my_work`, so they cannot disagree."""
    window = (work["today"], work["due_soon_until"])
    list_url = reverse("backoffice:complaint_list")
    mine = f"{list_url}?handler={user.pk}&ordering=decide_by"
    sections = [
        (
            "overdue",
            _("Termijn verstreken"),
            _("Geen klachten over de termijn."),
            work["overdue"],
            f"{mine}&overdue=on",
        ),
        (
            "due_soon",
            _("Verloopt binnenkort"),
            _("Geen klachten waarvan een termijn binnenkort verloopt."),
            work["due_soon"],
            f"{mine}&due_soon=on",
        ),
        (
            "assigned",
            _("Aan mij toegewezen"),
            _("U heeft geen open klachten."),
            work["assigned"],
            f"{mine}&kind=complaint",
        ),
    ]
    if work["pick_up"] is not None:
        sections.append(
            (
                "pick_up",
                _("Op te pakken (%(department)s)") % {"department": user.department},
                _("Er zijn geen klachten van uw afdeling zonder behandelaar."),
                work["pick_up"],
                f"{list_url}?kind=complaint&state=open&unassigned=on"
                f"&department={user.department_id}",
            )
        )
    return [
        {
            "key": key,
            "caption": caption,
            "empty": empty,
            # A bounded table per section; the rest is one click away in the list.
            "rows": with_urgency(queryset[:limit], window),
            "total": queryset.count(),
            "more_url": more_url,
            "pick_up": key == "pick_up",
        }
        for key, caption, empty, queryset, more_url in sections
    ]


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("complaints.list_complaints"):
        if user.has_perm("reports.view_figures"):
            return redirect("reports:annual_report")
        if user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    if is_only_partner(user):
        window = selectors.urgency_window()
        forwarded = selectors.open_complaints(selectors.visible_complaints(user))
        rows = selectors.for_list(forwarded).order_by("decide_by", "id")[: page_size()]
        return render(
            request,
            "backoffice/my_work_partner.html",
            {
                "rows": with_urgency(rows, window),
                "total": forwarded.count(),
                "partner": user.partner,
            },
        )

    work = selectors.my_work(user)
    today, until = work["today"], work["due_soon_until"]
    limit = page_size()
    context = {
        "sections": _sections(user, work, limit=limit),
        "today": today,
        "due_soon_until": until,
        "notifications": work_summary(user),
        "signoff": drafts.work_block(user, limit=limit),
    }
    context["copies_to_send"] = copies.copies_to_send(
        user, everyone=user.has_role(Role.COORDINATOR), limit=limit
    )
    if user.has_role(Role.COORDINATOR):
        context["desk"] = _coordinator_desk(user, today=today, limit=limit)
    return render(request, "backoffice/my_work.html", context)
