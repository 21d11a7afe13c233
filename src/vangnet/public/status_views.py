"""The resident's status page: follow a complaint with the secret link from the e-mail,
add information, withdraw it, download the letters; and "send me my link again".

The token in the URL is the only authorization. Every request resolves it again
(`complaints.statuslinks.resolve`); an unknown, tampered, expired or revoked token gets the normal
404 page, with no hint which of these it was. The page shows what the resident needs
(state, next step and its date, letters), never the internal timeline, notes or the
handler's name. Works without JavaScript; every change is a POST.
"""

from datetime import date

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.complaints import deadlines
from vangnet.complaints import statuslinks as links
from vangnet.complaints.models import Complaint, Kind, StatusLink
from vangnet.complaints.workflow import Outcome, State
from vangnet.core.forms import apply_service_errors
from vangnet.core.http import private_page
from vangnet.handling.guard import perform
from vangnet.organisations.models import Municipality

from . import statuslinks
from .status_forms import AddInformationForm, StatusRequestForm, WithdrawForm

# --- Plain words --------------------------------------------------------------------------

STATE_TEXT = {
    State.RECEIVED: gettext_lazy("We hebben uw klacht ontvangen"),
    State.ACKNOWLEDGED: gettext_lazy("We hebben uw klacht ontvangen"),
    State.IN_PROGRESS: gettext_lazy("We behandelen uw klacht"),
    State.FORMAL: gettext_lazy("We onderzoeken uw klacht"),
    State.HEARING_OFFERED: gettext_lazy("We willen u horen over uw klacht"),
    State.HEARING_PLANNED: gettext_lazy("Er is een gesprek gepland over uw klacht"),
    State.HEARD: gettext_lazy("We onderzoeken uw klacht"),
    State.WITH_COMMITTEE: gettext_lazy("Een klachtadviescommissie kijkt naar uw klacht"),
    State.ADVISED: gettext_lazy("We onderzoeken uw klacht"),
    State.DECIDED: gettext_lazy("We schrijven ons antwoord op uw klacht"),
    State.CLOSED: gettext_lazy("Uw klacht is afgehandeld"),
}

OUTCOME_TEXT = {
    Outcome.RESOLVED_INFORMALLY: gettext_lazy(
        "We hebben samen met u een oplossing gevonden. Daarmee is uw klacht afgehandeld."
    ),
    Outcome.WELL_FOUNDED: gettext_lazy(
        "Wij vinden dat u gelijk heeft. Uw klacht is gegrond. In onze brief leest u waarom."
    ),
    Outcome.PARTLY_WELL_FOUNDED: gettext_lazy(
        "Wij vinden dat u voor een deel gelijk heeft. Uw klacht is deels gegrond. "
        "In onze brief leest u waarom."
    ),
    Outcome.UNFOUNDED: gettext_lazy(
        "Wij vinden dat u geen gelijk heeft. Uw klacht is ongegrond. In onze brief leest u waarom."
    ),
    Outcome.NO_JUDGMENT: gettext_lazy(
        "We hebben geen oordeel gegeven over uw klacht. In onze brief leest u waarom."
    ),
    Outcome.NOT_HANDLED: gettext_lazy(
        "We hebben uw klacht niet in behandeling genomen. In onze brief leest u waarom."
    ),
    Outcome.WITHDRAWN: gettext_lazy(
        "U heeft uw klacht ingetrokken. We behandelen haar niet verder."
    ),
    Outcome.FORWARDED_TO_PARTNER: gettext_lazy(
        "We hebben uw klacht doorgestuurd naar de organisatie die erover gaat. "
        "Die organisatie neemt contact met u op."
    ),
    Outcome.FORWARDED_TO_BODY: gettext_lazy(
        "We hebben uw klacht doorgestuurd naar de overheid die erover gaat. "
        "Die neemt contact met u op."
    ),
    Outcome.NOT_A_COMPLAINT: gettext_lazy(
        "Uw bericht is geen klacht. We hebben het doorgestuurd naar de plek waar het hoort."
    ),
}

#: Outcomes after which the resident can go to the ombudsman (Awb 9:12: the letter says
#: which ombudsman and within what term).
SECOND_LINE_OUTCOMES = {
    Outcome.RESOLVED_INFORMALLY,
    Outcome.WELL_FOUNDED,
    Outcome.PARTLY_WELL_FOUNDED,
    Outcome.UNFOUNDED,
    Outcome.NO_JUDGMENT,
    Outcome.NOT_HANDLED,
}


# --- Helpers ------------------------------------------------------------------------------


def _link_or_404(token: str) -> StatusLink:
    link = links.resolve(token)
    if link is None:
        raise Http404
    links.mark_used(link)
    return link


def _can_act(complaint: Complaint) -> bool:
    """Adding information and withdrawing: only while the complaint is open."""
    return complaint.kind == Kind.COMPLAINT and complaint.is_open


def _letter_model():
    """The letters app's Letter model, when it exists yet."""
    if not apps.is_installed("vangnet.letters"):
        return None
    try:
        return apps.get_model("letters", "Letter")
    except LookupError:
        return None


#: Letter kinds that are not for the complainant (e.g. a copy to the person complained
#: about, Awb 9:9, once the letters app has one): never listed on the status page.
HIDDEN_LETTER_KINDS: set[str] = set()


def _resident_letters(complaint: Complaint):
    """The letters of this complaint the resident may see (None while the letters app
    has no Letter model)."""
    model = _letter_model()
    if model is None:
        return None
    queryset = model.objects.filter(complaint=complaint).exclude(kind__in=HIDDEN_LETTER_KINDS)
    field_names = {field.name for field in model._meta.get_fields()}
    if "created_at" in field_names:
        queryset = queryset.order_by("created_at", "pk")
    return queryset


def _status_context(link: StatusLink, token: str) -> dict:
    complaint = (
        Complaint.objects.select_related("theme", "body").filter(pk=link.complaint_id).first()
    )
    if complaint is None:
        raise Http404
    today = deadlines.today()
    is_open = complaint.is_open
    first_contact_by = None
    decide_by = None
    late_since: date | None = None
    if complaint.kind == Kind.COMPLAINT and is_open:
        if (
            complaint.state in (State.RECEIVED, State.ACKNOWLEDGED)
            and complaint.first_contact_by
            and complaint.first_contact_by >= today
        ):
            first_contact_by = complaint.first_contact_by
        if complaint.decide_by and complaint.decide_by >= today:
            decide_by = complaint.decide_by
        elif complaint.decide_by:
            late_since = complaint.decide_by
    second_line = None
    if complaint.state == State.CLOSED and complaint.outcome in SECOND_LINE_OUTCOMES:
        arrangement = complaint.body.arrangement_on(complaint.closed_on or today)
        second_line = arrangement.ombudsman if arrangement else None
    letters = _resident_letters(complaint)
    return {
        "complaint": complaint,
        "token": token,
        "link": link,
        "is_complaint": complaint.kind == Kind.COMPLAINT,
        "state_text": STATE_TEXT.get(complaint.state, complaint.get_state_display())
        if complaint.kind == Kind.COMPLAINT
        else _("Uw bericht is afgehandeld"),
        "outcome_text": OUTCOME_TEXT.get(complaint.outcome, "") if complaint.outcome else "",
        "first_contact_by": first_contact_by,
        "decide_by": decide_by,
        "late_since": late_since,
        "second_line": second_line,
        "letters": list(letters) if letters is not None else None,
        "can_act": _can_act(complaint),
        "contact": Municipality.current(),
    }


def _render_status(
    request: HttpRequest,
    link: StatusLink,
    token: str,
    *,
    add_form: AddInformationForm | None = None,
    files_lost: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = _status_context(link, token)
    context["add_form"] = add_form or AddInformationForm(auto_id="info_%s")
    context["files_lost"] = files_lost
    context["has_errors"] = bool(add_form is not None and add_form.errors)
    return render(request, "public/status/status.html", context, status=status)


def _closed_message(error: ValidationError) -> str | None:
    """The service's message when the complaint is closed (a second tab, a double
    click), else None."""
    if hasattr(error, "error_dict") and "complaint" in error.error_dict:
        return " ".join(error.message_dict["complaint"])
    return None


# --- The status page ----------------------------------------------------------------------


@private_page
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    link = _link_or_404(token)
    return _render_status(request, link, token)


@private_page
@require_POST
def status_add_information(request: HttpRequest, token: str) -> HttpResponse:
    link = _link_or_404(token)
    complaint = link.complaint
    if not _can_act(complaint):
        messages.warning(request, _("Uw klacht is afgesloten. U kunt niets meer toevoegen."))
        return redirect("public:status", token=token)
    form = AddInformationForm(request.POST, request.FILES, auto_id="info_%s")
    if form.is_valid():
        try:
            perform(
                "add_information",
                actor=None,
                complaint=complaint,
                data={
                    "text": form.cleaned_data["text"],
                    "attachments": form.cleaned_data["attachments"],
                },
            )
        except ValidationError as error:
            closed = _closed_message(error)
            if closed:
                messages.warning(request, closed)
                return redirect("public:status", token=token)
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Dank u wel. We hebben uw aanvulling ontvangen en bij uw klacht gevoegd."),
            )
            return redirect("public:status", token=token)
    return _render_status(
        request, link, token, add_form=form, files_lost=bool(request.FILES), status=400
    )


@private_page
@require_http_methods(["GET", "POST"])
def status_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation page ("Weet u het zeker?") and the withdrawal itself (POST)."""
    link = _link_or_404(token)
    complaint = link.complaint
    if not _can_act(complaint):
        messages.warning(request, _("Uw klacht is al afgesloten. U kunt haar niet meer intrekken."))
        return redirect("public:status", token=token)
    status_code = 200
    if request.method == "POST":
        form = WithdrawForm(request.POST, auto_id="withdraw_%s")
        if form.is_valid():
            try:
                perform(
                    "withdraw_by_complainant",
                    actor=None,
                    complaint=complaint,
                    data={"reason": form.cleaned_data["reason"]},
                )
            except ValidationError as error:
                closed = _closed_message(error)
                if closed:
                    messages.warning(request, closed)
                    return redirect("public:status", token=token)
                apply_service_errors(form, error)
            else:
                messages.success(
                    request, _("U heeft uw klacht ingetrokken. We behandelen haar niet verder.")
                )
                return redirect("public:status", token=token)
        status_code = 400
    else:
        form = WithdrawForm(auto_id="withdraw_%s")
    return render(
        request,
        "public/status/withdraw.html",
        {"complaint": complaint, "token": token, "form": form},
        status=status_code,
    )


@private_page
@require_GET
def status_letter(request: HttpRequest, token: str, letter_pk: int) -> FileResponse:
    """A letter of the complaint as PDF, only with a working link of that complaint."""
    link = _link_or_404(token)
    letters = _resident_letters(link.complaint)
    letter = letters.filter(pk=letter_pk).first() if letters is not None else None
    pdf = getattr(letter, "pdf", None)
    if not pdf:
        raise Http404
    try:
        handle = pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"brief-{link.complaint.reference}-{letter.pk}.pdf",
        content_type="application/pdf",
    )


# --- Send me my link again ----------------------------------------------------------------


def _client_ip(request: HttpRequest) -> str:
    # Behind a reverse proxy, set it up to pass the client's address as REMOTE_ADDR;
    # otherwise every resident shares the proxy's address and its limit.
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def status_request(request: HttpRequest) -> HttpResponse:
    """Ask for a new link with reference and e-mail address. The answer is the same
    whether or not they match a complaint; only when they do, a new link is e-mailed."""
    limited = False
    status_code = 200
    if request.method == "POST":
        form = StatusRequestForm(request.POST, auto_id="request_%s")
        if form.is_valid():
            data = form.cleaned_data
            if statuslinks.register_request(ip=_client_ip(request), reference=data["reference"]):
                statuslinks.send_link_again(
                    reference=data["reference"],
                    email=data["email"],
                )
                return redirect("public:status_request_sent")
            limited = True
            status_code = 429
        else:
            status_code = 400
    else:
        form = StatusRequestForm(auto_id="request_%s")
    return render(
        request,
        "public/status/request.html",
        {"form": form, "limited": limited, "contact": Municipality.current()},
        status=status_code,
    )


@require_GET
def status_request_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "public/status/request_sent.html")
