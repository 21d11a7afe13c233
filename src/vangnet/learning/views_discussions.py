"""Rule bottlenecks and case discussions (issue 6, parts 2 and 3): thin views over
`learning.bottlenecks` and `learning.discussions`.

Read by coordinators and handlers (`learning.view_learning`); a handler may flag a
complaint they may see (`learning.flag_bottleneck`); coordinators decide
(`learning.decide_bottleneck`) and record discussions (`learning.manage_discussions`).
The minutes are a PDF through the letters' WeasyPrint helper; they name complaints by
reference only.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.complaints import deadlines, selectors
from vangnet.core.forms import add_missing_service_errors, apply_service_errors
from vangnet.letters.rendering import render_pdf

from . import bottlenecks, discussions
from .forms_discussions import (
    ALL,
    SORTS,
    ActionFormSet,
    BottleneckFilterForm,
    BottleneckForm,
    DecisionForm,
    DiscussionFilterForm,
    DiscussionForm,
    FollowUpForm,
)
from .models import Bottleneck, CaseDiscussion, FollowUpAction

VIEW = "learning.view_learning"


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _paged(request, queryset):
    paginator = Paginator(queryset, settings.VANGNET["PAGE_SIZE"])
    page = paginator.get_page(request.GET.get("page"))
    return paginator, page, paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


# --- bottlenecks -----------------------------------------------------------------------


@login_required
@require_GET
def bottleneck_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW)
    form = BottleneckFilterForm(request.GET, auto_id="filter_%s")
    valid = form.is_valid()
    if valid:
        data = form.cleaned_data
        rows = Bottleneck.objects.select_related("complaint", "discussion", "raised_by")
        rows = bottlenecks.in_state(rows, data.get("state") or bottlenecks.QUEUED)
        if data.get("q"):
            rows = rows.filter(rule__icontains=data["q"].strip())
        rows = rows.order_by(*SORTS[data.get("sort") or "oud"])
    else:
        rows = Bottleneck.objects.none()
    paginator, page, page_range = _paged(request, rows)
    items = [{"bottleneck": b, "state": bottlenecks.state(b)} for b in page.object_list]
    return render(
        request,
        "learning/bottleneck_list.html",
        {
            "form": form,
            "valid": valid,
            "page": page,
            "rows": items,
            "page_range": page_range,
            "state_labels": bottlenecks.STATE_LABELS,
            "count_label": ngettext("%(count)s knelpunt", "%(count)s knelpunten", paginator.count)
            % {"count": paginator.count},
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "all": ALL,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bottleneck_create(request: HttpRequest, complaint_pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, complaint_pk)
    _require(request.user, bottlenecks.FLAG, complaint)
    status = 200
    if request.method == "POST":
        form = BottleneckForm(request.POST)
        if form.is_valid():
            try:
                bottleneck = bottlenecks.flag(complaint, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, _("Het knelpunt is gemeld en staat klaar voor het casusoverleg.")
                )
                if request.user.has_perm(VIEW):
                    return redirect("learning:bottleneck_detail", pk=bottleneck.pk)
                return redirect("backoffice:complaint_detail", pk=complaint.pk)
        else:
            add_missing_service_errors(form, lambda: bottlenecks.check_flag(form.cleaned_data))
        status = 400
    else:
        form = BottleneckForm()
    return render(
        request,
        "learning/bottleneck_form.html",
        {"form": form, "complaint": complaint},
        status=status,
    )


def _bottleneck(pk: int) -> Bottleneck:
    return get_object_or_404(
        Bottleneck.objects.select_related("complaint", "discussion", "raised_by"), pk=pk
    )


@login_required
@require_GET
def bottleneck_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, VIEW)
    bottleneck = _bottleneck(pk)
    return render(
        request,
        "learning/bottleneck_detail.html",
        {
            "bottleneck": bottleneck,
            "state": bottlenecks.state(bottleneck),
            "state_labels": bottlenecks.STATE_LABELS,
            "complaint_visible": selectors.visible_complaints(request.user)
            .filter(pk=bottleneck.complaint_id)
            .exists(),
            "can_decide": request.user.has_perm(bottlenecks.DECIDE),
            "follow_up_form": FollowUpForm(
                initial={"done_on": bottleneck.follow_up_done_on or deadlines.today()}
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bottleneck_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, bottlenecks.DECIDE)
    bottleneck = _bottleneck(pk)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                bottlenecks.decide(bottleneck, actor=request.user, data=form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Het besluit over het knelpunt is vastgelegd."))
                return redirect("learning:bottleneck_detail", pk=bottleneck.pk)
        else:
            add_missing_service_errors(
                form,
                lambda: bottlenecks.check_decision(
                    bottleneck, form.cleaned_data, today=deadlines.today()
                ),
            )
        status = 400
    else:
        form = DecisionForm(
            initial={
                "decision": bottleneck.decision,
                "decision_note": bottleneck.decision_note,
                "decided_on": bottleneck.decided_on or deadlines.today(),
                "follow_up": bottleneck.follow_up,
            }
        )
    return render(
        request,
        "learning/bottleneck_decide.html",
        {"form": form, "bottleneck": bottleneck},
        status=status,
    )


@login_required
@require_http_methods(["POST"])
def bottleneck_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, bottlenecks.DECIDE)
    bottleneck = _bottleneck(pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            bottlenecks.complete_follow_up(
                bottleneck, actor=request.user, done_on=form.cleaned_data.get("done_on")
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het vervolg is bijgewerkt."))
            return redirect("learning:bottleneck_detail", pk=bottleneck.pk)
    return render(
        request,
        "learning/bottleneck_detail.html",
        {
            "bottleneck": bottleneck,
            "state": bottlenecks.state(bottleneck),
            "state_labels": bottlenecks.STATE_LABELS,
            "complaint_visible": selectors.visible_complaints(request.user)
            .filter(pk=bottleneck.complaint_id)
            .exists(),
            "can_decide": True,
            "follow_up_form": form,
        },
        status=400,
    )


# --- case discussions -------------------------------------------------------------------


@login_required
@require_GET
def discussion_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, VIEW)
    form = DiscussionFilterForm(request.GET, auto_id="filter_%s")
    valid = form.is_valid()
    if valid:
        data = form.cleaned_data
        rows = CaseDiscussion.objects.prefetch_related("complaints")
        if data.get("year"):
            rows = rows.filter(held_on__year=data["year"])
        if data.get("q"):
            q = data["q"].strip()
            rows = rows.filter(
                Q(subject__icontains=q)
                | Q(participants__icontains=q)
                | Q(agreements__icontains=q)
                | Q(complaints__reference__icontains=q)
            ).distinct()
        rows = rows.order_by("-held_on", "-id")
    else:
        rows = CaseDiscussion.objects.none()
    paginator, page, page_range = _paged(request, rows)
    return render(
        request,
        "learning/discussion_list.html",
        {
            "form": form,
            "valid": valid,
            "page": page,
            "rows": list(page.object_list),
            "page_range": page_range,
            "count_label": ngettext(
                "%(count)s casusoverleg", "%(count)s casusoverleggen", paginator.count
            )
            % {"count": paginator.count},
            "filtered": any(value for key, value in request.GET.items() if key != "page"),
            "can_manage": request.user.has_perm(discussions.PERM),
            "queued": bottlenecks.queue().count(),
        },
    )


def _discussion(pk: int) -> CaseDiscussion:
    return get_object_or_404(
        CaseDiscussion.objects.prefetch_related(
            "departments",
            "partners",
            Prefetch("complaints", queryset=discussions.Complaint.objects.order_by("reference")),
            Prefetch("bottlenecks", queryset=Bottleneck.objects.select_related("complaint")),
            Prefetch("actions", queryset=FollowUpAction.objects.order_by("id")),
        ),
        pk=pk,
    )


def _discussion_context(request, discussion) -> dict:
    visible = set(
        selectors.visible_complaints(request.user)
        .filter(pk__in=[c.pk for c in discussion.complaints.all()])
        .values_list("pk", flat=True)
    )
    return {
        "discussion": discussion,
        "complaints": [
            {"complaint": c, "visible": c.pk in visible} for c in discussion.complaints.all()
        ],
        "today": deadlines.today(),
    }


@login_required
@require_GET
def discussion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, VIEW)
    discussion = _discussion(pk)
    return render(
        request,
        "learning/discussion_detail.html",
        {
            **_discussion_context(request, discussion),
            "can_manage": request.user.has_perm(discussions.PERM),
        },
    )


@login_required
@require_GET
def discussion_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, VIEW)
    discussion = _discussion(pk)
    html = render_to_string(
        "learning/discussion_minutes.html",
        {"discussion": discussion},
        request=request,
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="casusoverleg-{discussion.held_on:%Y-%m-%d}-{discussion.pk}.pdf"'
    )
    return response


def _apply_action_errors(formset, error: ValidationError) -> dict:
    """Put "actions.<n>.<field>" errors on the formset's rows; return the others."""
    rest = {}
    for key, messages_ in error.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "actions" and parts[1].isdecimal():
            index = int(parts[1])
            if index < len(formset.forms) and parts[2] in formset.forms[index].fields:
                for message in messages_:
                    formset.forms[index].add_error(parts[2], message)
                continue
        rest[key] = messages_
    return rest


def _actions_data(formset) -> list[dict]:
    return [getattr(form, "cleaned_data", {}) or {} for form in formset.forms]


def _more_discussion_errors(form, formset) -> None:
    """Some fields could not be read: run the service's rules on the rest, so that every
    mistake shows in one round (a field that already has a message keeps only that)."""
    data = {**form.service_data(), "actions": _actions_data(formset)}
    try:
        discussions.check_discussion(data, today=deadlines.today())
    except ValidationError as error:
        for key, messages_ in error.message_dict.items():
            target, field = form, form.decision_field(key) or key
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "actions" and parts[1].isdecimal():
                index = int(parts[1])
                if index >= len(formset.forms):
                    continue
                target, field = formset.forms[index], parts[2]
            if field in target.fields and field not in target.errors:
                for message in messages_:
                    target.add_error(field, message)


def _save_discussion(request, discussion):
    form = DiscussionForm(request.POST, discussion=discussion)
    formset = ActionFormSet(request.POST, prefix="actions")
    form_ok = form.is_valid()
    formset_ok = formset.is_valid()
    if form_ok and formset_ok:
        data = {**form.service_data(), "actions": _actions_data(formset)}
        try:
            if discussion is None:
                discussion = discussions.create_discussion(actor=request.user, data=data)
            else:
                discussion = discussions.update_discussion(
                    discussion, actor=request.user, data=data
                )
        except ValidationError as error:
            rest = _apply_action_errors(formset, error)
            if rest:
                aliases = {key: form.decision_field(key) for key in rest}
                apply_service_errors(
                    form,
                    ValidationError(rest),
                    aliases={key: name for key, name in aliases.items() if name},
                )
        else:
            return form, formset, discussion, True
    else:
        _more_discussion_errors(form, formset)
    return form, formset, discussion, False


@login_required
@require_http_methods(["GET", "POST"])
def discussion_create(request: HttpRequest) -> HttpResponse:
    _require(request.user, discussions.PERM)
    if request.method == "POST":
        form, formset, discussion, saved = _save_discussion(request, None)
        if saved:
            messages.success(request, _("Het casusoverleg is vastgelegd."))
            return redirect("learning:discussion_detail", pk=discussion.pk)
        status = 400
    else:
        status = 200
        initial = {"held_on": deadlines.today()}
        raw = request.GET.get("klacht", "")
        complaint = None
        if re.fullmatch(r"[0-9]{1,9}", raw):
            complaint = selectors.complaint_detail(request.user, int(raw))
            initial["complaints"] = complaint.reference
        form = DiscussionForm(initial=initial)
        # The agenda: the queue, or that complaint's queued bottlenecks when the
        # discussion is started from a complaint.
        form.initial["bottlenecks"] = [
            b.pk for b in form.agenda if complaint is None or b.complaint_id == complaint.pk
        ]
        formset = ActionFormSet(prefix="actions")
    return render(
        request,
        "learning/discussion_form.html",
        {"form": form, "formset": formset, "discussion": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def discussion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, discussions.PERM)
    discussion = _discussion(pk)
    if request.method == "POST":
        form, formset, discussion, saved = _save_discussion(request, discussion)
        if saved:
            messages.success(request, _("Het casusoverleg is bijgewerkt."))
            return redirect("learning:discussion_detail", pk=discussion.pk)
        status = 400
    else:
        status = 200
        data = discussions.as_data(discussion)
        form = DiscussionForm(
            discussion=discussion,
            initial={
                **data,
                "complaints": " ".join(data["complaints"]),
                "departments": [d.pk for d in data["departments"]],
                "partners": [p.pk for p in data["partners"]],
                "bottlenecks": [b.pk for b in data["bottlenecks"]],
            },
        )
        formset = ActionFormSet(prefix="actions", initial=data["actions"])
    return render(
        request,
        "learning/discussion_form.html",
        {"form": form, "formset": formset, "discussion": discussion},
        status=status,
    )
