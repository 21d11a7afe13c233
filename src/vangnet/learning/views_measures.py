"""Lessons and improvement measures (issue 6, part 1): thin views over
`learning.lessons` and `learning.measures`.

The measures list is the owner's overview: staff see all measures (a handler starts on
their own department's), a partner user only their partner's; overdue ones are marked.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.complaints import deadlines, norms, selectors
from vangnet.complaints.models import Complaint
from vangnet.complaints.permissions import complaint_scope
from vangnet.core.forms import apply_service_errors

from . import lessons, measures
from .forms_measures import (
    ALL,
    MINE,
    OPEN,
    OVERDUE,
    SORTS,
    LessonForm,
    MeasureFilterForm,
    MeasureForm,
    StateForm,
)
from .models import Measure

VIEW = "learning.view_measures"


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _owner_filter(value: str, user) -> Q:
    if value == MINE:
        return measures.owned_by(user)
    if value[:1] == "d" and re.fullmatch(r"[0-9]{1,9}", value[1:]):
        return Q(department_id=int(value[1:]))
    if value[:1] == "p" and re.fullmatch(r"[0-9]{1,9}", value[1:]):
        return Q(partner_id=int(value[1:]))
    return Q()


def _summary(queryset, today) -> list[dict]:
    """Per owner: open, overdue and done measures."""
    rows = (
        queryset.values("department__name", "partner__name")
        .annotate(
            open=Count("id", filter=Q(state__in=Measure.OPEN_STATES)),
            overdue=Count("id", filter=Q(state__in=Measure.OPEN_STATES, due_on__lt=today)),
            done=Count("id", filter=Q(state=Measure.State.DONE)),
        )
        .order_by("department__name", "partner__name")
    )
    return [
        {
            "owner": row["department__name"] or row["partner__name"],
            "open": row["open"],
            "overdue": row["overdue"],
            "done": row["done"],
        }
        for row in rows
    ]


@login_required
@require_GET
def measure_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW)
    user = request.user
    is_partner_only = bool(user.partner_id) and not (user.has_perm("learning.view_learning"))
    params = request.GET.copy()
    if not params and user.department_id and not user.has_perm(measures.MANAGE):
        params["owner"] = MINE  # a handler starts on their own department's measures
    form = MeasureFilterForm(params, auto_id="filter_%s", owners=not is_partner_only)
    valid = form.is_valid()
    today = deadlines.today()
    visible = measures.visible(user)
    rows = Measure.objects.none()
    if valid:
        data = form.cleaned_data
        rows = visible.select_related("department", "partner")
        if data.get("owner"):
            rows = rows.filter(_owner_filter(data["owner"], user))
        wanted = data.get("state") or OPEN
        if wanted == OPEN:
            rows = rows.filter(state__in=Measure.OPEN_STATES)
        elif wanted == OVERDUE:
            rows = measures.overdue(rows, on=today)
        elif wanted != ALL:
            rows = rows.filter(state=wanted)
        if data.get("q"):
            rows = rows.filter(title__icontains=data["q"].strip())
        rows = rows.order_by(*SORTS[data.get("sort") or "gereed"])
    paginator = Paginator(rows, settings.VANGNET["PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    items = [
        {
            "measure": m,
            "overdue": m.is_overdue(today),
            "days_late": (today - m.due_on).days if m.is_overdue(today) else 0,
        }
        for m in page.object_list
    ]
    return render(
        request,
        "learning/measure_list.html",
        {
            "form": form,
            "valid": valid,
            "page": page,
            "rows": items,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "count_label": ngettext(
                "%(count)s verbetermaatregel", "%(count)s verbetermaatregelen", paginator.count
            )
            % {"count": paginator.count},
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "summary": _summary(visible, today),
            "can_manage": user.has_perm(measures.MANAGE),
        },
    )


def _measure(user, pk: int) -> Measure:
    return get_object_or_404(
        measures.visible(user).select_related("department", "partner", "created_by"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, VIEW)
    measure = _measure(request.user, pk)
    can_update = request.user.has_perm(measures.UPDATE, measure)
    status = 200
    if request.method == "POST":
        _require(request.user, measures.UPDATE, measure)
        form = StateForm(request.POST)
        if form.is_valid():
            try:
                measures.set_state(
                    actor=request.user,
                    measure=measure,
                    state=form.cleaned_data["state"],
                    result=form.cleaned_data["result"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De stand van de maatregel is bijgewerkt."))
                return redirect("learning:measure_detail", pk=measure.pk)
        status = 400
    else:
        form = StateForm(initial={"state": measure.state, "result": measure.result})
    # Staff get a link to each complaint they may open; a partner user (no complaint
    # pages) and a handler of another department see the reference only.
    linked = measure.complaints.order_by("reference")
    scope = (
        complaint_scope(request.user) if request.user.has_perm("learning.view_learning") else None
    )
    openable = (
        set(linked.filter(scope).values_list("pk", flat=True)) if scope is not None else set()
    )
    today = deadlines.today()
    return render(
        request,
        "learning/measure_detail.html",
        {
            "measure": measure,
            "overdue": measure.is_overdue(today),
            "days_late": (today - measure.due_on).days if measure.is_overdue(today) else 0,
            "complaints": [{"complaint": c, "link": c.pk in openable} for c in linked],
            "form": form if can_update else None,
            "can_manage": request.user.has_perm(measures.MANAGE),
        },
        status=status,
    )


def _measure_form(request, measure: Measure | None) -> HttpResponse:
    _require(request.user, measures.MANAGE)
    status = 200
    if request.method == "POST":
        form = MeasureForm(request.POST)
        if form.is_valid():
            try:
                if measure is None:
                    measure = measures.create_measure(
                        actor=request.user, data=form.data_for_service()
                    )
                else:
                    measure = measures.update_measure(
                        actor=request.user, measure=measure, data=form.data_for_service()
                    )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De verbetermaatregel is opgeslagen."))
                return redirect("learning:measure_detail", pk=measure.pk)
        status = 400
    elif measure is not None:
        form = MeasureForm(
            initial={
                "title": measure.title,
                "description": measure.description,
                "department": measure.department,
                "partner": measure.partner,
                "due_on": measure.due_on,
                "complaints": ", ".join(
                    measure.complaints.order_by("reference").values_list("reference", flat=True)
                ),
            }
        )
    else:
        reference = ""
        wanted = request.GET.get("klacht", "")
        if re.fullmatch(r"[0-9]{1,9}", wanted):
            complaint = Complaint.objects.filter(pk=int(wanted)).first()
            if complaint is not None and request.user.has_perm(
                "complaints.view_complaint", complaint
            ):
                reference = complaint.reference
        form = MeasureForm(initial={"complaints": reference})
    return render(
        request, "learning/measure_form.html", {"form": form, "measure": measure}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest) -> HttpResponse:
    return _measure_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, measures.MANAGE)
    return _measure_form(request, _measure(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, complaint_pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, complaint_pk)
    _require(request.user, lessons.PERM, complaint)
    lesson = getattr(complaint, "lesson", None)
    status = 200
    if request.method == "POST":
        form = LessonForm(request.POST)
        if form.is_valid():
            try:
                lessons.record_lesson(
                    actor=request.user, complaint=complaint, data=form.cleaned_data
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De les is vastgelegd."))
                return redirect("backoffice:complaint_detail", pk=complaint.pk)
        status = 400
    elif lesson is not None:
        form = LessonForm(
            initial={"cause": lesson.cause, "lessons": lesson.lessons, "norms": lesson.norms}
        )
    else:
        decision = complaint.decisions.order_by("-decided_on", "-id").first()
        found = [code for part in decision.parts.all() for code in part.norms] if decision else []
        form = LessonForm(initial={"norms": [c for c in norms.NORMS if c in found]})
    return render(
        request,
        "learning/lesson_form.html",
        {"form": form, "complaint": complaint, "lesson": lesson},
        status=status,
    )
