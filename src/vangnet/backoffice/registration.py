"""Registering a complaint received by phone, letter, at the counter, by e-mail ...
(`complaints.services.register_complaint`), and the acknowledgement right after when
the staff member asks for it and may send it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import MultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vangnet.complaints import services
from vangnet.complaints.models import Complaint, Kind
from vangnet.core import numbers
from vangnet.core.dates import long_date
from vangnet.core.forms import apply_service_errors, style_form
from vangnet.core.permissions import require
from vangnet.core.roles import Role
from vangnet.handling.actions.parts import PARTS_MAX, RegistrationPartsFormSet, rows_of
from vangnet.handling.guard import perform
from vangnet.letters.models import Letter

from . import forms


def _acknowledge_after_registration(request: HttpRequest, complaint: Complaint, wanted: bool):
    """Awb 9:6 right away, when the staff member asked for it and may handle the
    complaint; otherwise say who sends it. The complaint stays registered either way."""
    if complaint.kind != Kind.COMPLAINT:
        return
    user = request.user
    if not user.has_perm("complaints.handle_complaint", complaint):
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
            % {"day": long_date(complaint.acknowledge_by)}
            if complaint.acknowledge_by
            else _("Er is nog geen ontvangstbevestiging verstuurd."),
        )
        return
    try:
        perform("acknowledge", actor=user, complaint=complaint)
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


#: Empty rows for the parts at first; the button "Meer onderdelen" (`MORE_PARTS`) adds
#: as many again, keeping what was typed (no JavaScript needed).
PART_ROWS = 3
MORE_PARTS = "meer_onderdelen"


def _typed(form_class, data, **kwargs):
    """The registration form, not yet checked, showing what was posted: asking for more
    part rows is no attempt to register, so no errors yet."""
    form = form_class(**kwargs)
    form.initial = {
        name: data.getlist(name) if isinstance(field, MultipleChoiceField) else data.get(name)
        for name, field in form.fields.items()
        if name in data
    }
    return form


def _more_parts(data) -> RegistrationPartsFormSet:
    """The parts' rows as posted, with PART_ROWS empty ones more (at most PARTS_MAX)."""
    data = data.copy()
    total = data.get("parts-TOTAL_FORMS", "")
    rows = numbers.whole_number(total, digits=3) or 0
    data["parts-TOTAL_FORMS"] = str(min(rows + PART_ROWS, PARTS_MAX))
    data.setdefault("parts-INITIAL_FORMS", "0")
    return RegistrationPartsFormSet(data, prefix="parts")


@login_required
def complaint_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, "complaints.add_complaint")
    can_acknowledge = user.is_superuser or user.has_role(Role.COORDINATOR)
    if request.method == "POST" and MORE_PARTS in request.POST:
        form = _typed(forms.RegistrationForm, request.POST, can_acknowledge=can_acknowledge)
        parts = _more_parts(request.POST)
        files_lost = bool(request.FILES)
        status = 200
    elif request.method == "POST":
        form = forms.RegistrationForm(request.POST, request.FILES, can_acknowledge=can_acknowledge)
        # A post without the parts' rows (an older form) registers one part.
        given = "parts-TOTAL_FORMS" in request.POST
        parts = RegistrationPartsFormSet(request.POST if given else None, prefix="parts")
        if form.is_valid() & (not given or parts.is_valid()):
            try:
                complaint = services.register_complaint(
                    actor=user,
                    data=form.registration_data(),
                    involved_partners=form.cleaned_data["involved_partners"],
                    files=form.cleaned_data["attachments"],
                    parts=rows_of(parts) if given else None,
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
        parts = RegistrationPartsFormSet(prefix="parts")
        parts.extra = PART_ROWS
        files_lost = False
        status = 200
    for row in parts:
        style_form(row)
    return render(
        request,
        "backoffice/complaint_create.html",
        {
            "form": form,
            "parts": parts,
            "more_parts": MORE_PARTS if parts.total_form_count() < PARTS_MAX else None,
            "files_lost": files_lost,
        },
        status=status,
    )
