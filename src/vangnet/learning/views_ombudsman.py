"""The ombudsman-case pages (issue 6, part 5): thin views over `learning.second_line`
(every write and its rules).

The list of cases with the recommendations awaiting a response, a case, registering and
editing one, its recommendations and the municipality's response. Read by coordinators
and handlers (`learning.view_learning`), written by coordinators
(`learning.manage_ombudsman_cases`).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.complaints import deadlines, selectors
from vangnet.core.forms import add_missing_service_errors, apply_service_errors
from vangnet.organisations.models import Ombudsman

from .forms_second_line import (
    AWAITING,
    CLOSED,
    OPEN,
    OVERDUE,
    CaseFilterForm,
    OmbudsmanCaseForm,
    RecommendationForm,
    ResponseForm,
)
from .models import OmbudsmanCase, Recommendation
from .second_line.cases import check_case, register_case, update_case
from .second_line.recommendations import (
    add_recommendation,
    check_recommendation,
    check_response,
    default_respond_by,
    respond,
    response_state,
)
from .second_line.shared import PERM

VIEW = "learning.view_learning"
MANAGE = PERM


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _more_errors(form, check) -> None:
    """`check(cleaned_data)` is one of `second_line`'s check functions."""
    add_missing_service_errors(form, lambda: check(form.cleaned_data))


def _recommendation_rows(case: OmbudsmanCase, today) -> list[dict]:
    return [
        {"recommendation": r, "state": response_state(r, today)} for r in case.recommendations.all()
    ]


# --- the list ----------------------------------------------------------------------------


def _filtered_cases(data: dict, today):
    cases = OmbudsmanCase.objects.select_related("ombudsman", "body", "complaint").annotate(
        awaiting=Count("recommendations", filter=Q(recommendations__responded_on__isnull=True)),
        overdue=Count(
            "recommendations",
            filter=Q(
                recommendations__responded_on__isnull=True,
                recommendations__respond_by__lt=today,
            ),
        ),
    )
    if data.get("q"):
        q = data["q"].strip()
        cases = cases.filter(Q(reference__icontains=q) | Q(complaint__reference__icontains=q))
    if data.get("ombudsman"):
        cases = cases.filter(ombudsman=data["ombudsman"])
    if data.get("year"):
        cases = cases.filter(received_on__year=data["year"])
    if data.get("kind"):
        cases = cases.filter(kind=data["kind"])
    state = data.get("state")
    if state == OPEN:
        cases = cases.filter(closed_on__isnull=True)
    elif state == CLOSED:
        cases = cases.filter(closed_on__isnull=False)
    elif state == AWAITING:
        cases = cases.filter(awaiting__gt=0)
    elif state == OVERDUE:
        cases = cases.filter(overdue__gt=0)
    return cases.order_by("-received_on", "-id")


@login_required
@require_GET
def ombudsman_cases(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW)
    today = deadlines.today()
    form = CaseFilterForm(request.GET, auto_id="filter_%s")
    valid = form.is_valid()
    cases = _filtered_cases(form.cleaned_data, today) if valid else OmbudsmanCase.objects.none()
    paginator = Paginator(cases, settings.VANGNET["PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    attention = Recommendation.objects.filter(responded_on__isnull=True).select_related(
        "case__ombudsman"
    )
    return render(
        request,
        "learning/ombudsman_list.html",
        {
            "form": form,
            "valid": valid,
            "page": page,
            "rows": list(page.object_list),
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "count_label": ngettext(
                "%(count)s ombudsmanzaak", "%(count)s ombudsmanzaken", paginator.count
            )
            % {"count": paginator.count},
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "awaiting": [
                {"recommendation": r, "late": r.respond_by < today}
                for r in attention.order_by("respond_by", "id")[:50]
            ],
            "today": today,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


# --- one case ----------------------------------------------------------------------------


def _case(pk: int) -> OmbudsmanCase:
    return get_object_or_404(
        OmbudsmanCase.objects.select_related("ombudsman", "body", "complaint").prefetch_related(
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("made_on", "id"))
        ),
        pk=pk,
    )


@login_required
@require_GET
def ombudsman_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, VIEW)
    case = _case(pk)
    today = deadlines.today()
    complaint_visible = bool(
        case.complaint_id
        and selectors.visible_complaints(request.user).filter(pk=case.complaint_id).exists()
    )
    return render(
        request,
        "learning/ombudsman_detail.html",
        {
            "case": case,
            "recommendations": _recommendation_rows(case, today),
            "complaint_visible": complaint_visible,
            "can_manage": request.user.has_perm(MANAGE),
            "today": today,
        },
    )


def _initial_from_complaint(request: HttpRequest) -> dict:
    raw = request.GET.get("klacht", "")
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        return {}
    complaint = selectors.complaint_detail(request.user, int(raw))
    return {"complaint": complaint.reference, "body": complaint.body_id}


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, MANAGE)
    status = 200
    if request.method == "POST":
        form = OmbudsmanCaseForm(request.POST)
        if form.is_valid():
            try:
                case = register_case(actor=request.user, data=form.service_data())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("De ombudsmanzaak %(case)s is geregistreerd.")
                    % {"case": f"{case.ombudsman} {case.reference}"},
                )
                return redirect("learning:ombudsman_case_detail", pk=case.pk)
        else:
            _more_errors(
                form,
                lambda data: check_case(
                    {**data, "complaint": data.get("complaint") or None},
                    case=None,
                    today=deadlines.today(),
                ),
            )
        status = 400
    else:
        initial = {"received_on": deadlines.today(), **_initial_from_complaint(request)}
        if Ombudsman.objects.count() == 1:
            initial["ombudsman"] = Ombudsman.objects.get()
        form = OmbudsmanCaseForm(initial=initial)
    return render(
        request,
        "learning/ombudsman_form.html",
        {"form": form, "case": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ombudsman_case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    case = _case(pk)
    status = 200
    if request.method == "POST":
        form = OmbudsmanCaseForm(request.POST, closing=True)
        if form.is_valid():
            try:
                update_case(case, actor=request.user, data=form.service_data())
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De ombudsmanzaak is bijgewerkt."))
                return redirect("learning:ombudsman_case_detail", pk=case.pk)
        else:
            _more_errors(
                form,
                lambda data: check_case(
                    {**data, "complaint": data.get("complaint") or None},
                    case=case,
                    today=deadlines.today(),
                ),
            )
        status = 400
    else:
        form = OmbudsmanCaseForm(
            closing=True,
            initial={
                "ombudsman": case.ombudsman_id,
                "reference": case.reference,
                "received_on": case.received_on,
                "complaint": case.complaint.reference if case.complaint_id else "",
                "body": case.body_id,
                "kind": case.kind,
                "summary": case.summary,
                "closed_on": case.closed_on,
                "outcome": case.outcome,
                "outcome_note": case.outcome_note,
            },
        )
    return render(
        request, "learning/ombudsman_form.html", {"form": form, "case": case}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    case = _case(pk)
    status = 200
    if request.method == "POST":
        form = RecommendationForm(request.POST)
        if form.is_valid():
            try:
                add_recommendation(case, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De aanbeveling is vastgelegd."))
                return redirect("learning:ombudsman_case_detail", pk=case.pk)
        else:
            _more_errors(
                form,
                lambda data: check_recommendation(
                    case,
                    text=data.get("text", ""),
                    made_on=data.get("made_on"),
                    respond_by=data.get("respond_by"),
                    today=deadlines.today(),
                ),
            )
        status = 400
    else:
        today = deadlines.today()
        form = RecommendationForm(
            initial={"made_on": today, "respond_by": default_respond_by(today)}
        )
    return render(
        request,
        "learning/ombudsman_recommendation_form.html",
        {"form": form, "case": case, "recommendation": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, MANAGE)
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("case__ombudsman", "case__complaint"), pk=pk
    )
    case = recommendation.case
    status = 200
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            try:
                respond(recommendation, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De reactie op de aanbeveling is vastgelegd."))
                return redirect("learning:ombudsman_case_detail", pk=case.pk)
        else:
            _more_errors(
                form,
                lambda data: check_response(
                    recommendation,
                    response=data.get("response", ""),
                    responded_on=data.get("responded_on"),
                    today=deadlines.today(),
                ),
            )
        status = 400
    else:
        form = ResponseForm(
            initial={
                "response": recommendation.response,
                "responded_on": recommendation.responded_on or deadlines.today(),
                "response_text": recommendation.response_text,
            }
        )
    return render(
        request,
        "learning/ombudsman_recommendation_form.html",
        {
            "form": form,
            "case": case,
            "recommendation": recommendation,
            "state": response_state(recommendation, deadlines.today()),
        },
        status=status,
    )
