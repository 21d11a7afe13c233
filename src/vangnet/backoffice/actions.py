"""The actions on the complaint page, produced from the registry (`vangnet.handling`):
each available action's form, placed where its declaration says, and one view that takes
any action: the complaint must be visible (else 404), the user must have the action's
permission (else 403), the complaint must allow it now (else the page says why, 400),
the input must be valid and the action must accept it; then a message and back to the
page. Otherwise the page again, with the errors next to the fields and status 400, and
what the user typed kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.complaints import selectors
from vangnet.complaints.models import Complaint
from vangnet.complaints.workflow import Step
from vangnet.core.forms import apply_service_errors, style_form
from vangnet.core.permissions import require
from vangnet.handling import base
from vangnet.handling.available import available_actions
from vangnet.handling.base import PLACEMENTS, ComplaintAction, ProcedureStep, refusal_in
from vangnet.handling.guard import perform

#: The template of an action's form per placement, unless the action names its own.
TEMPLATES = {
    base.PROCEDURE: "backoffice/actions/step.html",
    base.OTHER_ENDINGS: "backoffice/actions/step.html",
    base.TERM: "backoffice/actions/step.html",
    base.COOPERATION: "backoffice/actions/step.html",
    base.SIDE: "backoffice/actions/panel.html",
}


def page_url(action: ComplaintAction, complaint: Complaint) -> str:
    """Where the page posts the action's form."""
    if isinstance(action, ProcedureStep):
        return reverse("backoffice:complaint_step", args=[complaint.pk, action.name])
    return reverse(f"backoffice:complaint_{action.name}", args=[complaint.pk])


def _opens(action: ComplaintAction, complaint: Complaint) -> bool:
    """The step a handler most likely takes next: its form is shown open."""
    return isinstance(action, ProcedureStep) and complaint.state in action.next_in


def _item(action: ComplaintAction, complaint: Complaint, records: dict, bound: dict) -> dict:
    invalid = bound.get("name") == action.name
    form = bound["form"] if invalid else action.page_form(complaint, records)
    style_form(form)
    for part in getattr(form, "parts", None) or []:
        style_form(part)
    step = isinstance(action, ProcedureStep)
    return {
        "action": action,
        "name": action.name,
        "label": action.label,
        "button": action.button or action.label,
        "help": action.help,
        "url": page_url(action, complaint),
        # Where a link to the form points: the step, or the action's own address word.
        "anchor": f"stap-{action.name}" if step else action.page_path,
        "form": form,
        "parts": getattr(form, "parts", None),
        "lesson_fields": getattr(form, "lesson_fields", ()),
        "template": action.template or TEMPLATES[action.placement],
        "closes": step and action.closes(complaint),
        "correction": action.name == Step.DECIDE and complaint.state == "decided",
        "open": invalid or (not bound.get("name") and _opens(action, complaint)),
        "invalid": invalid,
    }


def action_items(user, complaint: Complaint, records: dict, *, bound: dict) -> dict:
    """{placement: [item, ...]} for the actions `user` may take now, in the registry's
    order; each item has its form (the bound one, with errors, after a failed post)."""
    grouped: dict[str, list] = {placement: [] for placement in PLACEMENTS}
    available = [action for action in available_actions(user, complaint) if action.placement]
    bound_action = base.ACTIONS.get(bound.get("name", ""))
    if bound_action is not None and bound_action not in available:
        # Refused after the page was shown (the term passed meanwhile ...): the form stays,
        # with the reason next to its field and what the user typed.
        available.append(bound_action)
    for action in available:
        grouped[action.placement].append(_item(action, complaint, records, bound))
    return grouped


def _refused(request, complaint, action: ComplaintAction, form, reason: str) -> HttpResponse:
    """The page again (400), nothing changed: the reason next to the action's field when
    its form has that field (the input kept), else above the page."""
    from .complaint_page import render_page

    if action.refusal_field in form.fields:
        form.is_valid()  # parse what was typed, so it is shown again
        form.add_error(action.refusal_field, reason)
        return render_page(
            request, complaint, bound={"name": action.name, "form": form}, status=400
        )
    return render_page(request, complaint, page_errors=[reason], status=400)


def _action_or_404(name: str) -> ComplaintAction:
    try:
        action = base.get(name)
    except LookupError:
        raise Http404 from None
    if not action.by_staff or not action.placement:
        raise Http404
    return action


@login_required
@require_POST
def take_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Any action of the registry, posted from the complaint page."""
    from .complaint_page import render_page

    action = _action_or_404(name)
    user = request.user
    complaint = selectors.complaint_detail(user, pk)
    require(user, action.permission, complaint)
    form = action.page_form(complaint, {}, data=request.POST, files=request.FILES)
    refusal = action.why_not(complaint, user)
    if refusal:
        # E.g. a second click after someone else took the step: say so, change nothing.
        return _refused(request, complaint, action, form, refusal)
    if form.is_valid():
        try:
            result = perform(
                action.name,
                actor=user,
                complaint=complaint,
                data=action.arguments(form.cleaned_data),
            )
        except ValidationError as error:
            if (reason := refusal_in(error)) is not None:
                # The complaint changed since the page was shown (another tab, a colleague).
                return _refused(request, complaint, action, form, reason)
            apply_service_errors(form, error)
        else:
            message = action.message(result)
            if isinstance(action, ProcedureStep):
                message = _("Klacht %(ref)s: %(message)s") % {
                    "ref": result.complaint.reference,
                    "message": message,
                }
            messages.success(request, message)
            return redirect("backoffice:complaint_detail", pk=complaint.pk)
    return render_page(request, complaint, bound={"name": action.name, "form": form}, status=400)


def complaint_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A step of the procedure (`workflow.Step`): the same as any action."""
    if step not in Step.values:
        raise Http404
    return take_action(request, pk, step)
