"""The staff back office: thin views over the complaint selectors (every read) and
services (every write). Permissions are the rules of `vangnet.core.permissions`, checked
with `user.has_perm`; lists are scoped by `selectors.visible_complaints`."""

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Min
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from vangnet.complaints import deadlines, selectors, services, workflow
from vangnet.complaints.events import Action
from vangnet.complaints.filters import ComplaintFilter
from vangnet.complaints.models import Attachment, Channel, Complaint, Kind
from vangnet.complaints.workflow import State
from vangnet.core.roles import Role
from vangnet.organisations.models import Theme
from vangnet.public import statuslinks

from . import forms

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


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("complaints.list_complaints"):
        if user.has_perm("reports.view_figures"):
            return redirect("backoffice:figures")
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
        visible = selectors.visible_complaints(user)
        unassigned = dict(
            selectors.open_complaints(visible)
            .filter(handler__isnull=True)
            .values_list("state")
            .annotate(n=Count("id"))
            .order_by()
        )
        context["unassigned"] = {
            "total": sum(unassigned.values()),
            "by_state": [
                {"state": state, "label": state.label, "count": unassigned.get(state, 0)}
                for state in (State.RECEIVED, State.IN_PROGRESS)
            ],
        }
        context["all_overdue"] = selectors.overdue(visible, on=today).count()
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
    form = forms.style_form(filterset.form)
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


_RELATION_LABELS = {"forwards": gettext_lazy("doorgestuurd naar")}


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
        rows.append(
            {
                "label": label,
                "before": _display_value(model_field, before),
                "after": _display_value(model_field, after),
            }
        )
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


def _action_forms(user, complaint: Complaint, bound: dict) -> dict:
    """The action forms the user may use on this complaint (bound ones when re-rendering
    after an error)."""
    result: dict = {}
    # Closed complaints and non-complaints only take notes and attachments.
    open_complaint = complaint.kind == Kind.COMPLAINT and complaint.is_open
    if open_complaint and user.has_perm("complaints.assign_complaint", complaint):
        result["assign"] = bound.get("assign") or forms.AssignForm(
            auto_id="assign_%s", initial={"handler": complaint.handler_id}
        )
    if open_complaint:
        transitions = []
        for step in workflow.allowed_transitions(complaint.state):
            if not user.has_perm(step.permission, complaint):
                continue
            key = f"transition_{step.target}"
            form = bound.get(key) or forms.TransitionForm(auto_id=f"{key}_%s", transition=step)
            transitions.append({"transition": step, "form": form, "key": key})
        if transitions:
            result["transitions"] = transitions
    if open_complaint and user.has_perm("complaints.change_theme", complaint):
        result["theme"] = bound.get("theme") or forms.ThemeForm(
            auto_id="theme_%s", initial={"theme": complaint.theme_id}
        )
    if open_complaint and user.has_perm("complaints.forward_complaint", complaint):
        result["forward"] = bound.get("forward") or forms.ForwardForm(auto_id="forward_%s")
    if user.has_perm("complaints.add_note", complaint):
        result["note"] = bound.get("note") or forms.NoteForm(auto_id="note_%s")
    if user.has_perm("complaints.add_attachment", complaint):
        result["attachments"] = bound.get("attachments") or forms.AttachmentForm(
            auto_id="attachments_%s"
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
    user = request.user
    bound = bound or {}
    window = selectors.signal_window()
    signal = None
    if complaint.kind == Kind.COMPLAINT and complaint.is_open:
        signal = deadlines.signal_for(complaint.decide_by, on=window[0], due_soon_until=window[1])
    can_view_timeline = user.has_perm("complaints.view_timeline", complaint)
    context = {
        "complaint": complaint,
        "signal": signal,
        "show_personal_data": user.has_perm("complaints.view_personal_data", complaint),
        "timeline": _timeline(complaint) if can_view_timeline else None,
        "actions": _action_forms(user, complaint, bound),
        "page_errors": page_errors or [],
        "has_errors": bool(bound) or bool(page_errors),
        "bound_form": next(iter(bound.values()), None),
        "deadline_rows": [
            (_("Ontvangst bevestigen uiterlijk"), complaint.acknowledge_by, _("beleid")),
            (_("Eerste contact uiterlijk"), complaint.first_contact_by, _("beleid")),
            (_("Besluit niet te behandelen melden uiterlijk"), complaint.decline_by, "Awb 9:8"),
            (_("Afhandelen uiterlijk"), complaint.decide_by, "Awb 9:11"),
        ],
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
            forms.apply_service_errors(form, error, aliases)
        else:
            messages.success(request, message)
            return redirect("backoffice:complaint_detail", pk=complaint.pk)
    return _render_detail(request, complaint, bound={key: form}, status=400)


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


@login_required
@require_POST
def complaint_transition(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_detail(request.user, pk)
    target = request.POST.get("target", "")
    step = workflow.get_transition(complaint.state, target)
    if step is None or complaint.kind != Kind.COMPLAINT:
        # E.g. a second click after someone else closed it: say so, change nothing.
        try:
            services.transition(actor=request.user, complaint=complaint, target=target)
        except ValidationError as error:
            return _render_detail(request, complaint, page_errors=error.messages, status=400)
        return redirect("backoffice:complaint_detail", pk=complaint.pk)  # pragma: no cover
    key = f"transition_{step.target}"

    def perform(complaint, data):
        updated = services.transition(
            actor=request.user,
            complaint=complaint,
            target=step.target,
            outcome=data.get("outcome") or "",
            note=data.get("note") or "",
        )
        return _("Klacht %(ref)s: de status is nu ‘%(state)s’.") % {
            "ref": updated.reference,
            "state": updated.get_state_display(),
        }

    return _run_action(
        request,
        pk,
        key=key,
        permission=step.permission,
        form=forms.TransitionForm(request.POST, auto_id=f"{key}_%s", transition=step),
        perform=perform,
        aliases={"target": NON_FIELD_ERRORS},
        complaint=complaint,
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
    def perform(complaint, data):
        forward = services.forward_to_partner(
            actor=request.user, complaint=complaint, partner=data["partner"], note=data["note"]
        )
        return _("Klacht %(ref)s is doorgestuurd naar %(partner)s.") % {
            "ref": complaint.reference,
            "partner": forward.partner,
        }

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
        form=forms.forms.Form(request.POST, auto_id="status_link_%s"),
        perform=perform,
    )


@login_required
@require_POST
def complaint_status_link_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(complaint, data):
        address = statuslinks.reissue_status_link(
            complaint=complaint,
            actor=request.user,
            build_url=lambda token: request.build_absolute_uri(
                reverse("public:status", args=[token])
            ),
        )
        return _(
            "Er is een nieuwe statuslink gestuurd naar %(email)s. Oude links werken niet meer."
        ) % {"email": address}

    return _run_action(
        request,
        pk,
        key="status_link",
        permission=statuslinks.MANAGE_PERMISSION,
        form=forms.forms.Form(request.POST, auto_id="status_link_%s"),
        perform=perform,
    )


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


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require(user, "complaints.add_complaint")
    if request.method == "POST":
        form = forms.RegistrationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                complaint = services.register_complaint(
                    actor=user,
                    data=form.registration_data(),
                    involved_partners=form.cleaned_data["involved_partners"],
                    files=form.cleaned_data["attachments"],
                )
            except ValidationError as error:
                forms.apply_service_errors(form, error)
            else:
                message = _("%(kind)s %(ref)s is geregistreerd.") % {
                    "kind": complaint.get_kind_display(),
                    "ref": complaint.reference,
                }
                if user.has_perm("complaints.view_complaint", complaint):
                    messages.success(request, message)
                    return redirect("backoffice:complaint_detail", pk=complaint.pk)
                # A handler registering for another department cannot open it.
                messages.success(
                    request,
                    message
                    + " "
                    + _("U kunt dit bericht niet inzien; de klachtcoördinator wijst het toe."),
                )
                return redirect("backoffice:my_work")
        files_lost = bool(request.FILES)
        status = 400
    else:
        form = forms.RegistrationForm()
        files_lost = False
        status = 200
    return render(
        request,
        "backoffice/complaint_create.html",
        {"form": form, "files_lost": files_lost},
        status=status,
    )


# --- Cijfers --------------------------------------------------------------------------


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    _require(request.user, "reports.view_figures")
    today = deadlines.today()
    first_year = services.EARLIEST_RECEIVED_ON.year
    year = today.year
    raw = request.GET.get("jaar", "").strip()
    if raw:
        try:
            asked = int(raw)
        except ValueError:
            asked = None
        if asked is not None and first_year <= asked <= today.year:
            year = asked
        else:
            messages.warning(
                request,
                _("‘%(value)s’ is geen jaar waarover we cijfers hebben. U ziet %(year)s.")
                % {"value": raw[:20], "year": year},
            )
    data = selectors.figures(year=year)
    oldest = Complaint.objects.aggregate(first=Min("received_on"))["first"]
    years = list(range(today.year, min(oldest.year if oldest else year, year) - 1, -1))
    context = {
        "year": year,
        "years": years,
        "figures": data,
        "by_state": [
            {"label": label, "count": data["by_state"].get(value, 0)}
            for value, label in State.choices
        ],
        "by_channel": [
            {"label": label, "count": data["by_channel"].get(value, 0)}
            for value, label in Channel.choices
        ],
        "by_theme": [
            {
                "main": row["theme__parent__name"] or row["theme__name"] or _("Geen thema"),
                "theme": row["theme__name"] if row["theme__parent__name"] else "",
                "count": row["n"],
            }
            for row in data["by_theme"]
        ],
    }
    return render(request, "backoffice/figures.html", context)
