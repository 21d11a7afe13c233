"""The staff back office: thin views over the complaint selectors (every read) and
services (every write). Permissions are the rules of `vangnet.core.permissions`, checked
with `user.has_perm`; lists are scoped by `selectors.visible_complaints`.

The handling procedure (Awb chapter 9) has one view for every step of
`complaints.workflow.TRANSITIONS`: `complaint_step` parses the step's input form
(`complaints.inputs.STEP_INPUTS`) and calls `complaints.procedure.perform`."""

from collections.abc import Callable
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.forms import CheckboxSelectMultiple, Form, MultipleChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from vangnet.complaints import deadlines, inputs, norms, procedure, selectors, services, workflow
from vangnet.complaints.events import Action
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import (
    Advice,
    Attachment,
    Complaint,
    Forward,
    Hearing,
    Kind,
    Postponement,
    SubjectType,
)
from vangnet.complaints.workflow import OPEN_STATES, State, Step
from vangnet.core.forms import apply_service_errors, style_form
from vangnet.core.roles import Role
from vangnet.letters.models import Letter, OutboxMessage
from vangnet.organisations.models import Theme
from vangnet.public import statuslinks

from . import forms

HANDLE = "complaints.handle_complaint"
RESEND = "complaints.resend_email"

# --- helpers --------------------------------------------------------------------------


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _page_size() -> int:
    return settings.VANGNET["PAGE_SIZE"]


def _with_signals(complaints, window: tuple[date, date]) -> list[Complaint]:
    """Attach the deadline signal of each open complaint (computed from one window per
    request, so a list costs no query per row)."""
    on, until = window
    rows = list(complaints)
    for complaint in rows:
        complaint.signal = (
            deadlines.signal_for(complaint.decide_by, on=on, due_soon_until=until)
            if complaint.kind == Kind.COMPLAINT and complaint.is_open
            else None
        )
    return rows


def _is_only_partner(user) -> bool:
    return user.has_role(Role.PARTNER) and not (
        user.has_role(Role.COORDINATOR) or user.has_role(Role.HANDLER)
    )


# --- Mijn werk ------------------------------------------------------------------------


def _coordinator_desk(user, *, today: date, limit: int) -> dict:
    """What only the coordinator's desk shows: open complaints without a handler per
    state, every overdue complaint, e-mail that could not be delivered, unhappy
    complainants and partners that did not reply after a reminder."""
    from vangnet.letters import outbox

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


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("complaints.list_complaints"):
        if user.has_perm("reports.view_figures"):
            return redirect("reports:annual_report")
        if user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    if _is_only_partner(user):
        window = selectors.signal_window()
        forwarded = selectors.open_complaints(selectors.visible_complaints(user))
        rows = selectors.for_list(forwarded).order_by("decide_by", "id")[: _page_size()]
        return render(
            request,
            "backoffice/my_work_partner.html",
            {
                "rows": _with_signals(rows, window),
                "total": forwarded.count(),
                "partner": user.partner,
            },
        )

    work = selectors.my_work(user)
    today, until = work["today"], work["due_soon_until"]
    window = (today, until)
    limit = _page_size()
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
            _("Geen klachten waarvan de termijn binnenkort verloopt."),
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
    context = {
        "sections": [
            {
                "key": key,
                "caption": caption,
                "empty": empty,
                # A bounded table per section; the rest is one click away in the list.
                "rows": _with_signals(queryset[:limit], window),
                "total": queryset.count(),
                "more_url": more_url,
            }
            for key, caption, empty, queryset, more_url in sections
        ],
        "today": today,
        "due_soon_until": until,
    }
    if user.has_role(Role.COORDINATOR):
        context["desk"] = _coordinator_desk(user, today=today, limit=limit)
    return render(request, "backoffice/my_work.html", context)


# --- Klachtenlijst --------------------------------------------------------------------


def _theme_label(theme: Theme) -> str:
    return (
        f"— {theme.name}"
        if theme.parent_id
        else _("%(theme)s (met subthema's)") % {"theme": theme.name}
    )


@login_required
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require(user, "complaints.list_complaints")
    base = selectors.for_list(selectors.visible_complaints(user))
    filterset = ComplaintFilter(request.GET, queryset=base)
    form = style_form(filterset.form)
    form.fields["q"].label = _("Zoek op kenmerk, naam of woorden")
    # Main theme first, its sub-themes below it (the filter includes sub-themes).
    theme_field = form.fields["theme"]
    theme_field.queryset = (
        Theme.objects.select_related("parent")
        .annotate(main_name=Coalesce(F("parent__name"), F("name")))
        .order_by("main_name", F("parent_id").asc(nulls_first=True), "name")
    )
    theme_field.label_from_instance = _theme_label

    valid = filterset.is_valid()
    rows = filterset.qs if valid else Complaint.objects.none()
    paginator = Paginator(rows, _page_size())
    page = paginator.get_page(request.GET.get("page"))
    window = selectors.signal_window()
    context = {
        "filter": filterset,
        "form": form,
        "valid": valid,
        "page": page,
        "rows": _with_signals(page.object_list, window),
        "count": paginator.count,
        "count_label": ngettext("%(count)s klacht", "%(count)s klachten", paginator.count)
        % {"count": paginator.count},
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        # The kind column only matters when other kinds than complaints can be listed.
        "show_kind": not (valid and filterset.form.cleaned_data.get("kind") == Kind.COMPLAINT),
    }
    return render(request, "backoffice/complaint_list.html", context)


# --- Klacht ---------------------------------------------------------------------------


def _display_value(model_field, value):
    if value is None or value == "":
        return "–"
    if model_field is not None and model_field.choices:
        return dict(model_field.choices).get(value, value)
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            return value
    return value


def _moment_value(value):
    """An ISO timestamp of the record (a hearing's moment) as a local date and time."""
    if not isinstance(value, str):
        return "–" if value is None else value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y H:i")


_RELATION_LABELS = {
    "forwards": gettext_lazy("doorgestuurd naar"),
    "letters": gettext_lazy("brief"),
    "planned_at": gettext_lazy("hoorzitting"),
}
_MOMENT_CHANGES = {"planned_at"}


def _change_rows(changes: dict) -> list[dict]:
    """`event.changes` ({field: [before, after]}) as labelled rows: choice values with
    their Dutch label, dates as dates."""
    rows = []
    for name, pair in (changes or {}).items():
        before, after = (list(pair) + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        try:
            model_field = Complaint._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
        if not isinstance(model_field, models.Field):
            model_field = None
        label = model_field.verbose_name if model_field else _RELATION_LABELS.get(name, name)
        if name in _MOMENT_CHANGES:
            shown = (_moment_value(before), _moment_value(after))
        else:
            shown = (_display_value(model_field, before), _display_value(model_field, after))
        rows.append({"label": label, "before": shown[0], "after": shown[1]})
    return rows


def _timeline(complaint: Complaint) -> list[dict]:
    labels = dict(Action.choices)
    return [
        {
            "event": event,
            "action": labels.get(event.action, event.action),
            "changes": _change_rows(event.changes),
        }
        for event in selectors.timeline(complaint)
    ]


# --- The procedure's forms ------------------------------------------------------------------

#: The step a handler most likely takes next in each state: its form is shown open.
NEXT_STEP = {
    State.RECEIVED: Step.ACKNOWLEDGE,
    State.ACKNOWLEDGED: Step.LOG_CONTACT,
    State.IN_PROGRESS: Step.RESOLVE_INFORMALLY,
    State.FORMAL: Step.OFFER_HEARING,
    State.HEARING_OFFERED: Step.PLAN_HEARING,
    State.HEARING_PLANNED: Step.HOLD_HEARING,
    State.HEARD: Step.DECIDE,
    State.WITH_COMMITTEE: Step.RECORD_ADVICE,
    State.ADVISED: Step.DECIDE,
    State.DECIDED: Step.SEND_CONCLUSION,
    State.CLOSED: Step.REOPEN,
}

#: Steps that end the complaint another way than the main path: listed apart.
SIDE_STEPS = frozenset({Step.DECLINE, Step.WITHDRAW, Step.FORWARD_TO_BODY, Step.CLOSE_FORWARDED})

#: What a step does, above its form.
STEP_HELP = {
    Step.ACKNOWLEDGE: gettext_lazy(
        "Stuurt de ontvangstbevestiging (Awb 9:6) aan de indiener: per e-mail, of als brief "
        "om te printen en te posten als er geen e-mailadres is."
    ),
    Step.LOG_CONTACT: gettext_lazy(
        "Leg elk contact met de indiener vast, ook als u de indiener niet bereikte."
    ),
    Step.RESOLVE_INFORMALLY: gettext_lazy(
        "Alleen als de indiener instemt met de oplossing (Awb 9:5). De klacht wordt afgesloten."
    ),
    Step.START_FORMAL: gettext_lazy(
        "De beklaagde krijgt een kopie van de klacht en de bijlagen (Awb 9:9)."
    ),
    Step.OFFER_HEARING: gettext_lazy(
        "De indiener en de beklaagde krijgen een brief met het aanbod om gehoord te worden "
        "(Awb 9:10)."
    ),
    Step.PLAN_HEARING: gettext_lazy(
        "Legt datum, tijd en plaats vast en stuurt de uitnodiging aan de indiener en de beklaagde."
    ),
    Step.HOLD_HEARING: gettext_lazy("Van het horen wordt een verslag gemaakt (Awb 9:10 lid 3)."),
    Step.SKIP_HEARING: gettext_lazy("Alleen op een grond uit Awb 9:10 lid 2."),
    Step.REQUEST_ADVICE: gettext_lazy(
        "De klachtadviescommissie adviseert (Awb 9:14). De termijn wordt dan 10 weken (Awb 9:11)."
    ),
    Step.RECORD_ADVICE: gettext_lazy("Vat het advies samen of voeg het advies toe als PDF."),
    Step.DECIDE: gettext_lazy(
        "Geef per klachtonderdeel een oordeel, met de normen uit de Behoorlijkheidswijzer. "
        "De afhandelingsbrief gaat pas weg bij de volgende stap."
    ),
    Step.SEND_CONCLUSION: gettext_lazy(
        "Stuurt de afhandelingsbrief (Awb 9:12) aan de indiener, met een kopie aan de "
        "beklaagde, en sluit de klacht af."
    ),
    Step.DECLINE: gettext_lazy(
        "Kan alleen binnen 4 weken na ontvangst (Awb 9:8). De indiener krijgt een brief; de "
        "klacht wordt afgesloten."
    ),
    Step.WITHDRAW: gettext_lazy("De klacht wordt afgesloten."),
    Step.FORWARD_TO_BODY: gettext_lazy(
        "De klacht hoort bij een ander bestuursorgaan. De indiener krijgt bericht (Awb 2:3); "
        "de klacht wordt hier afgesloten."
    ),
    Step.CLOSE_FORWARDED: gettext_lazy(
        "Als de partner heeft teruggekoppeld wat hij met de klacht deed."
    ),
    Step.REOPEN: gettext_lazy("De klacht gaat terug naar ‘In behandeling’."),
}

#: Date fields that say when something happened: today unless the user says otherwise.
_TODAY_FIELDS = {"contacted_on", "held_on", "received_on"}


def _style_checkbox_groups(form) -> None:
    """The norms as check boxes grouped per family (works without JavaScript)."""
    for field in form.fields.values():
        if isinstance(field, MultipleChoiceField) and not isinstance(
            field.widget, CheckboxSelectMultiple
        ):
            widget = CheckboxSelectMultiple()
            widget.choices = field.choices
            field.widget = widget


def _decision_initial(decision) -> tuple[dict, list[dict]]:
    if decision is None:
        return {}, []
    initial = {
        "findings": decision.findings,
        "conclusions": decision.conclusions,
        "measures": decision.measures,
        "deviates_from_advice": decision.deviates_from_advice,
        "deviation_reasons": decision.deviation_reasons,
    }
    parts = [
        {
            "summary": part.summary,
            "judgment": part.judgment,
            "norms": list(part.norms),
            "reasoning": part.reasoning,
        }
        for part in decision.parts.all()
    ]
    return initial, parts


def _step_form(
    step: str,
    complaint: Complaint,
    *,
    data=None,
    files=None,
    advice_received: bool | None = None,
    decision=None,
):
    """The input form of `step` (`inputs.STEP_INPUTS`), with ids unique on the page and
    the Utrecht classes. The decide step carries its judgment parts as a formset
    (prefilled from `decision` when correcting one)."""
    form_class = inputs.STEP_INPUTS[step]
    auto_id = f"{step}_%s"
    initial: dict = {}
    if data is None:
        today = deadlines.today()
        initial = {name: today for name in form_class.base_fields if name in _TODAY_FIELDS}
    if step == Step.DECIDE:
        decided, part_initial = _decision_initial(decision) if data is None else ({}, [])
        initial.update(decided)
        parts = inputs.JudgmentPartFormSet(
            data, prefix="parts", auto_id=auto_id, initial=part_initial or None
        )
        if part_initial:
            parts.extra = 1
        form = form_class(data, files, parts=parts, auto_id=auto_id, initial=initial)
        if advice_received is None:
            advice_received = Advice.objects.filter(
                complaint=complaint, received_on__isnull=False
            ).exists()
        if not advice_received:
            # Awb 9:15 only matters when there is advice to deviate from.
            for name in ("deviates_from_advice", "deviation_reasons"):
                form.fields.pop(name, None)
        for part in parts:
            _style_checkbox_groups(part)
            style_form(part)
    else:
        if step == Step.SEND_CONCLUSION and data is None and decision is not None:
            # The lesson's norms start as the ones the decision named.
            named = {code for part in decision.parts.all() for code in part.norms}
            initial["norms"] = [code for code in norms.NORMS if code in named]
        form = form_class(data, files, auto_id=auto_id, initial=initial)
    return style_form(form)


def _step_values(form) -> tuple[dict, list]:
    """What `procedure.perform` takes from a parsed step form."""
    return form.step_data(), form.step_files()


def _step_is_valid(form) -> bool:
    parts = getattr(form, "parts", None)
    valid = form.is_valid()
    if parts is not None:
        valid = parts.is_valid() and valid
    return valid


def _steps(user, complaint: Complaint, bound: dict, records: dict) -> tuple[list, list]:
    """The steps the table allows from the complaint's state and the user may take, as
    (main path, other endings): each with its form, open or closed."""
    if complaint.kind != Kind.COMPLAINT:
        return [], []
    bound_step = bound.get("step")
    main, side = [], []
    for transition in workflow.allowed_transitions(complaint.state):
        if not user.has_perm(transition.permission, complaint):
            continue
        step = transition.step
        if step == bound_step:
            form = bound["form"]
        else:
            form = _step_form(
                step,
                complaint,
                advice_received=bool(records["advice"] and records["advice"].received_on),
                decision=records["latest_decision"] if complaint.state == State.DECIDED else None,
            )
        item = {
            "step": step,
            "label": transition.label,
            "help": STEP_HELP.get(step, ""),
            "form": form,
            "parts": getattr(form, "parts", None),
            "closes": transition.closes,
            "correction": step == Step.DECIDE and complaint.state == State.DECIDED,
            "open": step == bound_step if bound_step else NEXT_STEP.get(complaint.state) == step,
            "invalid": step == bound_step,
        }
        (side if step in SIDE_STEPS else main).append(item)
    return main, side


# --- The page's records ---------------------------------------------------------------------


def _records(complaint: Complaint, *, full: bool) -> dict:
    """The procedure's records on the complaint page, a fixed number of queries. Without
    `full` (a partner user) only the forwards and the term: the handling file is the
    municipality's own."""
    forwards = list(
        complaint.forwards.select_related("partner", "forwarded_by", "replied_by").order_by(
            "forwarded_on", "id"
        )
    )
    today = deadlines.today()
    for forward in forwards:
        forward.reply_overdue = bool(
            forward.replied_at is None and forward.reply_due_on and forward.reply_due_on < today
        )
    cooperation = complaint.subject_type == SubjectType.COOPERATION
    records = {
        "forwards": forwards,
        "postponements": list(complaint.postponements.select_related("recorded_by")),
        "cooperation": cooperation,
        "contacts": [],
        "hearing": None,
        "advice": None,
        "decisions": [],
        "latest_decision": None,
        "contributions": [],
        "joint_discussions": [],
        "letters": [],
    }
    if not full or complaint.kind != Kind.COMPLAINT:
        return records
    decisions = list(
        complaint.decisions.select_related("decided_by")
        .prefetch_related("parts")
        .order_by("-created_at", "-id")
    )
    for decision in decisions:
        for part in decision.parts.all():
            part.norm_labels = norms.labels(part.norms)
    records.update(
        contacts=list(complaint.contacts.select_related("recorded_by")),
        hearing=Hearing.objects.filter(complaint=complaint).first(),
        advice=Advice.objects.select_related("attachment").filter(complaint=complaint).first(),
        decisions=decisions,
        latest_decision=decisions[0] if decisions else None,
        letters=list(Letter.objects.filter(complaint=complaint).order_by("created_at", "id")),
    )
    if cooperation:
        records.update(
            contributions=list(
                complaint.contributions.select_related("partner", "department", "recorded_by")
            ),
            joint_discussions=list(complaint.joint_discussions.select_related("recorded_by")),
        )
    return records


def _term(complaint: Complaint, postponements: list) -> dict:
    """The decide-by term and what may still move it (Awb 9:11)."""
    extension = next((p for p in postponements if p.kind == Postponement.Kind.EXTENSION), None)
    today = deadlines.today()
    past_due = bool(complaint.decide_by and today > complaint.decide_by)
    return {
        "decide_by": complaint.decide_by,
        "limit": procedure.extension_limit(complaint),
        "extension": extension,
        "past_due": past_due,
        "can_extend": extension is None and not past_due,
    }


def _action_forms(user, complaint: Complaint, bound: dict, records: dict) -> dict:
    """The action forms the user may use on this complaint (the bound one when
    re-rendering after an error)."""
    result: dict = {}
    key = bound.get("key")

    def pick(name, make):
        return bound["form"] if key == name else make()

    # Closed complaints and non-complaints only take notes and attachments.
    open_complaint = complaint.kind == Kind.COMPLAINT and complaint.is_open
    if open_complaint and user.has_perm("complaints.assign_complaint", complaint):
        result["assign"] = pick(
            "assign",
            lambda: forms.AssignForm(
                auto_id="assign_%s", initial={"handler": complaint.handler_id}
            ),
        )
    main, side = _steps(user, complaint, bound, records)
    if main:
        result["steps"] = main
    if side:
        result["side_steps"] = side
    if open_complaint and user.has_perm(HANDLE, complaint):
        term = _term(complaint, records["postponements"])
        result["term"] = term
        if term["can_extend"] or key == "extend":
            result["extend"] = pick("extend", lambda: forms.ExtendForm(auto_id="extend_%s"))
        result["delay"] = pick("delay", lambda: forms.DelayForm(auto_id="delay_%s"))
        if records["cooperation"]:
            result["contribution"] = pick(
                "contribution",
                lambda: forms.ContributionForm(
                    auto_id="contribution_%s",
                    complaint=complaint,
                    initial={"received_on": deadlines.today()},
                ),
            )
            result["joint_discussion"] = pick(
                "joint_discussion",
                lambda: forms.JointDiscussionForm(
                    auto_id="joint_%s", initial={"held_on": deadlines.today()}
                ),
            )
    if open_complaint and user.has_perm("complaints.change_theme", complaint):
        result["theme"] = pick(
            "theme",
            lambda: forms.ThemeForm(auto_id="theme_%s", initial={"theme": complaint.theme_id}),
        )
    if open_complaint and user.has_perm("complaints.forward_complaint", complaint):
        result["forward"] = pick("forward", lambda: forms.ForwardForm(auto_id="forward_%s"))
    if user.has_perm("complaints.add_note", complaint):
        result["note"] = pick("note", lambda: forms.NoteForm(auto_id="note_%s"))
    if user.has_perm("complaints.add_attachment", complaint):
        result["attachments"] = pick(
            "attachments", lambda: forms.AttachmentForm(auto_id="attachments_%s")
        )
    if user.has_perm(statuslinks.MANAGE_PERMISSION, complaint):
        result["status_link"] = statuslinks.summary_for_staff(complaint)
    return result


def _render_detail(
    request: HttpRequest,
    complaint: Complaint,
    *,
    bound: dict | None = None,
    page_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The complaint page. `bound` is {"key": ..., "form": ...} for an action form, or
    {"step": ..., "form": ...} for a step, re-rendered with its errors."""
    user = request.user
    bound = bound or {}
    window = selectors.signal_window()
    signal = None
    if complaint.kind == Kind.COMPLAINT and complaint.is_open:
        signal = deadlines.signal_for(complaint.decide_by, on=window[0], due_soon_until=window[1])
    staff = user.has_perm("complaints.view_timeline", complaint)
    records = _records(complaint, full=staff)
    bound_form = bound.get("form")
    postponements = records["postponements"]
    context = {
        "complaint": complaint,
        "signal": signal,
        "today": window[0],
        "show_personal_data": user.has_perm("complaints.view_personal_data", complaint),
        # The handling file (contacts, hearing, letters...) is the municipality's own.
        "show_records": staff,
        "timeline": _timeline(complaint) if staff else None,
        "records": records,
        "actions": _action_forms(user, complaint, bound, records),
        "page_errors": page_errors or [],
        "has_errors": bool(bound) or bool(page_errors),
        "bound_form": bound_form,
        "bound_key": bound.get("key"),
        "bound_parts": getattr(bound_form, "parts", None),
        "can_preview_conclusion": (
            complaint.kind == Kind.COMPLAINT
            and complaint.state == State.DECIDED
            and user.has_perm(HANDLE, complaint)
        ),
        "failed_emails": (
            OutboxMessage.objects.filter(
                complaint=complaint, state=OutboxMessage.State.FAILED
            ).order_by("-created_at", "-id")
            if user.has_perm(RESEND, complaint)
            else None
        ),
        "deadline_rows": [
            (_("Ontvangst bevestigen uiterlijk"), complaint.acknowledge_by, _("beleid")),
            (_("Eerste contact uiterlijk"), complaint.first_contact_by, _("beleid")),
            (_("Besluit niet te behandelen melden uiterlijk"), complaint.decline_by, "Awb 9:8"),
            (_("Afhandelen uiterlijk"), complaint.decide_by, "Awb 9:11"),
        ],
        # The term before the first extension or delay (the deadlines table says so).
        "postponed_from": postponements[0].previous_due if postponements else None,
        "surveys_installed": apps.is_installed("vangnet.surveys"),
    }
    return render(request, "backoffice/complaint_detail.html", context, status=status)


@login_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, pk)
    return _render_detail(request, complaint)


def _run_action(
    request: HttpRequest,
    pk: int,
    *,
    key: str,
    permission: str,
    form: "forms.forms.Form",
    perform: Callable[[Complaint, dict], str],
    aliases: dict | None = None,
    complaint: Complaint | None = None,
) -> HttpResponse:
    """The shape of every action: the complaint must be visible (else 404), the user must
    have the permission (else 403), the form must be valid and the service must accept it;
    then a message and a redirect to the complaint page. Otherwise the page again, with
    the errors next to the fields and status 400."""
    if complaint is None:
        complaint = selectors.complaint_detail(request.user, pk)
    _require(request.user, permission, complaint)
    if form.is_valid():
        try:
            message = perform(complaint, form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error, aliases)
        else:
            messages.success(request, message)
            return redirect("backoffice:complaint_detail", pk=complaint.pk)
    return _render_detail(request, complaint, bound={"key": key, "form": form}, status=400)


@login_required
@require_POST
def complaint_assign(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        updated = services.assign_handler(
            actor=request.user, complaint=complaint, handler=data["handler"]
        )
        return _("Klacht %(ref)s is toegewezen aan %(name)s.") % {
            "ref": updated.reference,
            "name": updated.handler,
        }

    return _run_action(
        request,
        pk,
        key="assign",
        permission="complaints.assign_complaint",
        form=forms.AssignForm(request.POST, auto_id="assign_%s"),
        perform=perform,
    )


#: The message after a step, per step; the default names the new state.
_STEP_DONE = {
    Step.ACKNOWLEDGE: gettext_lazy("De ontvangstbevestiging is verstuurd."),
    Step.LOG_CONTACT: gettext_lazy("Het contact is vastgelegd."),
    Step.PLAN_HEARING: gettext_lazy("De hoorzitting is gepland; de uitnodiging is verstuurd."),
    Step.DECIDE: gettext_lazy("Het besluit is vastgelegd."),
    Step.SEND_CONCLUSION: gettext_lazy(
        "De afhandelingsbrief is verstuurd. De klacht is afgesloten."
    ),
}


@login_required
@require_POST
def complaint_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step of the procedure (`workflow.TRANSITIONS`): the complaint must be visible
    (else 404), the table must allow the step from its state (else the page says why,
    400) and the user must have the step's permission (else 403). Errors of the input or
    of the procedure go next to the fields (status 400, the input kept)."""
    if step not in Step.values:
        raise Http404
    user = request.user
    complaint = selectors.complaint_detail(user, pk)
    transition = workflow.get_transition(complaint.state, step)
    if transition is None or complaint.kind != Kind.COMPLAINT:
        # E.g. a second click after someone else took the step: say so, change nothing.
        _require(user, HANDLE, complaint)
        refusal = procedure.refusal(complaint, step)
        return _render_detail(request, complaint, page_errors=refusal.messages, status=400)
    _require(user, transition.permission, complaint)
    form = _step_form(step, complaint, data=request.POST, files=request.FILES)
    if _step_is_valid(form):
        data, files = _step_values(form)
        try:
            updated = procedure.perform(
                actor=user, complaint=complaint, step=step, data=data, files=files
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            message = _STEP_DONE.get(step) or _("De status is nu ‘%(state)s’.") % {
                "state": updated.get_state_display()
            }
            messages.success(
                request,
                _("Klacht %(ref)s: %(message)s") % {"ref": updated.reference, "message": message},
            )
            return redirect("backoffice:complaint_detail", pk=updated.pk)
    return _render_detail(request, complaint, bound={"step": step, "form": form}, status=400)


@login_required
def conclusion_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The conclusion letter (Awb 9:12) of the latest decision as it would be sent, as a
    PDF: nothing is stored or sent."""
    complaint = selectors.complaint_detail(request.user, pk)
    _require(request.user, HANDLE, complaint)
    decision = procedure.latest_decision(complaint)
    if complaint.kind != Kind.COMPLAINT or complaint.state != State.DECIDED or decision is None:
        raise Http404
    from vangnet.letters.services import render_letter

    advice = Advice.objects.filter(complaint=complaint, received_on__isnull=False).first()
    _subject, _html, pdf = render_letter(
        kind="conclusion",
        complaint=complaint,
        context={"decision": decision, "advice": advice},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="voorbeeld-afhandelingsbrief-{complaint.reference}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def complaint_extend(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        updated = procedure.extend(
            actor=request.user,
            complaint=complaint,
            new_due=data.get("new_due"),
            reason=data.get("reason") or "",
        )
        return _(
            "De termijn is verdaagd tot %(day)s. De indiener en de beklaagde krijgen een brief."
        ) % {"day": date_format(updated.decide_by, "j F Y")}

    return _run_action(
        request,
        pk,
        key="extend",
        permission=HANDLE,
        form=forms.ExtendForm(request.POST, auto_id="extend_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_delay(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        updated = procedure.delay_with_consent(
            actor=request.user,
            complaint=complaint,
            new_due=data.get("new_due"),
            reason=data.get("reason") or "",
            consent_on=data.get("consent_on"),
        )
        return _("De termijn is uitgesteld tot %(day)s.") % {
            "day": date_format(updated.decide_by, "j F Y")
        }

    return _run_action(
        request,
        pk,
        key="delay",
        permission=HANDLE,
        form=forms.DelayForm(request.POST, auto_id="delay_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, pk)

    def perform(complaint, data):
        contribution = procedure.add_contribution(
            actor=request.user,
            complaint=complaint,
            party=data.get("party"),
            received_on=data.get("received_on"),
            text=data.get("text") or "",
        )
        return _("De bijdrage van %(party)s is vastgelegd.") % {"party": contribution.party}

    return _run_action(
        request,
        pk,
        key="contribution",
        permission=HANDLE,
        form=forms.ContributionForm(request.POST, auto_id="contribution_%s", complaint=complaint),
        perform=perform,
        complaint=complaint,
    )


@login_required
@require_POST
def complaint_joint_discussion(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        procedure.record_joint_discussion(
            actor=request.user,
            complaint=complaint,
            held_on=data.get("held_on"),
            participants=data.get("participants") or "",
            agreements=data.get("agreements") or "",
        )
        return _("De casusbespreking is vastgelegd.")

    return _run_action(
        request,
        pk,
        key="joint_discussion",
        permission=HANDLE,
        form=forms.JointDiscussionForm(request.POST, auto_id="joint_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_note(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        services.add_note(actor=request.user, complaint=complaint, text=data["text"])
        return _("De notitie is toegevoegd.")

    return _run_action(
        request,
        pk,
        key="note",
        permission="complaints.add_note",
        form=forms.NoteForm(request.POST, auto_id="note_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_theme(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        updated = services.change_theme(
            actor=request.user, complaint=complaint, theme=data["theme"]
        )
        return _("Het thema is nu %(theme)s.") % {"theme": updated.theme}

    return _run_action(
        request,
        pk,
        key="theme",
        permission="complaints.change_theme",
        form=forms.ThemeForm(request.POST, auto_id="theme_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_attachments(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        stored = services.add_attachments(
            actor=request.user, complaint=complaint, files=data["attachments"]
        )
        return ngettext(
            "%(count)s bijlage is toegevoegd.", "%(count)s bijlagen zijn toegevoegd.", len(stored)
        ) % {"count": len(stored)}

    return _run_action(
        request,
        pk,
        key="attachments",
        permission="complaints.add_attachment",
        form=forms.AttachmentForm(request.POST, request.FILES, auto_id="attachments_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_forward(request: HttpRequest, pk: int) -> HttpResponse:
    from vangnet.complaints.forwarding import forward_to_partner

    def perform(complaint, data):
        forward = forward_to_partner(
            actor=request.user,
            complaint=complaint,
            partner=data["partner"],
            note=data["note"],
            build_reply_url=lambda token: request.build_absolute_uri(
                reverse("partnerportal:reply", args=[token])
            ),
        )
        if forward.sent_to:
            return _(
                "Klacht %(ref)s is doorgestuurd naar %(partner)s. De partner kreeg een e-mail "
                "met een antwoordlink op %(to)s."
            ) % {"ref": complaint.reference, "partner": forward.partner, "to": forward.sent_to}
        return _(
            "Klacht %(ref)s is doorgestuurd naar %(partner)s. De partner heeft geen "
            "e-mailadres: de medewerkers van de partner zien de klacht in het partnerportaal."
        ) % {"ref": complaint.reference, "partner": forward.partner}

    return _run_action(
        request,
        pk,
        key="forward",
        permission="complaints.forward_complaint",
        form=forms.ForwardForm(request.POST, auto_id="forward_%s"),
        perform=perform,
    )


# The resident's status link (vangnet.public.statuslinks): revoke, or revoke and e-mail a
# new one. For the coordinator; the token itself is never shown to staff.


@login_required
@require_POST
def complaint_status_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        count = statuslinks.revoke_all(complaint, request.user)
        return ngettext(
            "%(count)s werkende statuslink is ingetrokken.",
            "%(count)s werkende statuslinks zijn ingetrokken.",
            count,
        ) % {"count": count}

    return _run_action(
        request,
        pk,
        key="status_link",
        permission=statuslinks.MANAGE_PERMISSION,
        form=Form(request.POST, auto_id="status_link_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_status_link_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        address = statuslinks.reissue_status_link(
            complaint=complaint,
            actor=request.user,
        )
        return _(
            "Er is een nieuwe statuslink gestuurd naar %(email)s. Oude links werken niet meer."
        ) % {"email": address}

    return _run_action(
        request,
        pk,
        key="status_link",
        permission=statuslinks.MANAGE_PERMISSION,
        form=Form(request.POST, auto_id="status_link_%s"),
        perform=perform,
    )


@login_required
def letter_download(request: HttpRequest, pk: int, letter_pk: int) -> FileResponse:
    """A letter on the complaint file as PDF, for the municipality's staff who may see
    the complaint (404 otherwise, as for attachments)."""
    letter = get_object_or_404(
        Letter.objects.select_related("complaint"),
        pk=letter_pk,
        complaint__in=selectors.visible_complaints(request.user).filter(pk=pk),
    )
    if not request.user.has_perm("complaints.view_timeline", letter.complaint):
        raise Http404
    if not letter.pdf:
        raise Http404
    try:
        handle = letter.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.kind}-{letter.complaint.reference}-{letter.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Stream an attachment to someone who may see its complaint (404 otherwise: no
    difference between 'does not exist' and 'not yours'). Files are never served from
    MEDIA_URL."""
    attachment = get_object_or_404(
        Attachment,
        pk=attachment_pk,
        complaint__in=selectors.visible_complaints(request.user).filter(pk=pk),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    services.record_attachment_download(actor=request.user, attachment=attachment)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Klacht registreren ---------------------------------------------------------------


def _acknowledge_after_registration(request: HttpRequest, complaint: Complaint, wanted: bool):
    """Awb 9:6 right away, when the staff member asked for it and may handle the
    complaint; otherwise say who sends it. The complaint stays registered either way."""
    if complaint.kind != Kind.COMPLAINT:
        return
    user = request.user
    if not user.has_perm(HANDLE, complaint):
        messages.info(
            request,
            _(
                "De klachtcoördinator stuurt de ontvangstbevestiging (Awb 9:6) als de klacht "
                "is toegewezen."
            ),
        )
        return
    if not wanted:
        messages.info(
            request,
            _("Er is nog geen ontvangstbevestiging verstuurd. Doe dat uiterlijk %(day)s.")
            % {"day": date_format(complaint.acknowledge_by, "j F Y")}
            if complaint.acknowledge_by
            else _("Er is nog geen ontvangstbevestiging verstuurd."),
        )
        return
    try:
        procedure.perform(actor=user, complaint=complaint, step=Step.ACKNOWLEDGE, data={})
    except ValidationError as error:
        messages.warning(
            request,
            _("De ontvangstbevestiging is niet verstuurd: %(reason)s")
            % {"reason": " ".join(error.messages)},
        )
        return
    letter = (
        Letter.objects.filter(complaint=complaint, kind="acknowledgement").order_by("-id").first()
    )
    if letter is not None and letter.by_post:
        messages.success(
            request,
            _(
                "De ontvangstbevestiging staat klaar om te printen en per post te versturen "
                "(zie Brieven)."
            ),
        )
    elif letter is not None:
        messages.success(
            request,
            _("De ontvangstbevestiging is gemaild naar %(to)s.") % {"to": letter.sent_to},
        )
    else:
        messages.success(request, _("De ontvangstbevestiging is verstuurd."))


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require(user, "complaints.add_complaint")
    can_acknowledge = user.is_superuser or user.has_role(Role.COORDINATOR)
    if request.method == "POST":
        form = forms.RegistrationForm(request.POST, request.FILES, can_acknowledge=can_acknowledge)
        if form.is_valid():
            try:
                complaint = services.register_complaint(
                    actor=user,
                    data=form.registration_data(),
                    involved_partners=form.cleaned_data["involved_partners"],
                    files=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                message = _("%(kind)s %(ref)s is geregistreerd.") % {
                    "kind": complaint.get_kind_display(),
                    "ref": complaint.reference,
                }
                if user.has_perm("complaints.view_complaint", complaint):
                    messages.success(request, message)
                    _acknowledge_after_registration(
                        request, complaint, bool(form.cleaned_data.get("send_acknowledgement"))
                    )
                    return redirect("backoffice:complaint_detail", pk=complaint.pk)
                # A handler registering for another department cannot open it.
                messages.success(
                    request,
                    message
                    + " "
                    + _("U kunt dit bericht niet inzien; de klachtcoördinator wijst het toe."),
                )
                _acknowledge_after_registration(request, complaint, False)
                return redirect("backoffice:my_work")
        files_lost = bool(request.FILES)
        status = 400
    else:
        form = forms.RegistrationForm(can_acknowledge=can_acknowledge)
        files_lost = False
        status = 200
    return render(
        request,
        "backoffice/complaint_create.html",
        {"form": form, "files_lost": files_lost},
        status=status,
    )
