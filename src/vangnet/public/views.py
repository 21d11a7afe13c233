"""The resident site: the Klachtenwijzer (home, search, partner pages), the route "Waar
kan ik terecht?", the complaint form with its confirmation page, and the privacy page.

Every page works without JavaScript. Views are thin: the search is `search.py`, the
route `route.py`, the form `complaint_form.py`, filing `submissions.py` (which calls
`complaints.services.register_complaint`). The status page is `status_views.py`.
"""

import logging
import re
from urllib.parse import urlencode

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.http import private_page
from vangnet.organisations.models import Municipality, Partner

from . import route as route_logic
from . import search, submissions
from .complaint_form import SERVICE_FIELDS, ComplaintForm, initial_from_query
from .forms import SearchForm

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


def complaint_url(**params) -> str:
    """The complaint form, with preselection in the query string (empty values left out)."""
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("public:complaint")
    return f"{url}?{query}" if query else url


# --- Klachtenwijzer -------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """How to complain to the municipality, the search box, and every active partner
    by domain. With `?q=` the search results come first."""
    search_form = SearchForm(request.GET if "q" in request.GET else None)
    result = None
    if "q" in request.GET:
        result = search.search(request.GET.get("q", ""))
    return render(
        request,
        "public/home.html",
        {
            "search_form": search_form,
            "result": result,
            "domains": search.partners_by_domain(),
            "complaint_url": complaint_url(),
        },
    )


def _main_themes(partner: Partner) -> list:
    mains = []
    for theme in partner.active_themes:
        main = theme.parent if theme.parent_id else theme
        if main not in mains:
            mains.append(main)
    return mains


@require_GET
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partner = search.active_partners().filter(slug=slug).first()
    if partner is None:
        # A resident with an old link: say so, and point to the list and the form.
        return render(
            request,
            "public/partner_not_found.html",
            {"complaint_url": complaint_url()},
            status=404,
        )
    return render(
        request,
        "public/partner.html",
        {
            "partner": partner,
            "themes": partner.active_themes,
            "domains": _main_themes(partner),
            "not_heard_url": complaint_url(partner=partner.slug, gehoord="nee"),
            "cooperation_url": complaint_url(soort="samenwerking", partner=partner.slug),
            "complaint_url": complaint_url(),
        },
    )


# --- Waar kan ik terecht? -------------------------------------------------------------


@require_GET
def route(request: HttpRequest) -> HttpResponse:
    page = route_logic.resolve(request.GET)
    if isinstance(page, route_logic.Question):
        field = page.bound_field
        hints = route_logic.WHAT_HELP if page.name == "wat" else {}
        options = [
            {
                "id": option.id_for_label,
                "value": option.data["value"],
                "label": option.choice_label,
                "checked": option.data["selected"],
                "hint": hints.get(option.data["value"], ""),
            }
            for option in field.subwidgets
        ]
        return render(
            request,
            "public/route_question.html",
            {
                "question": page,
                "field": field,
                "options": options,
                "hidden": page.answers,
                "has_errors": bool(page.form.is_bound and page.form.errors),
                "complaint_url": complaint_url(),
            },
            status=400 if page.form.is_bound and page.form.errors else 200,
        )
    partner = page.partner
    links = {
        route_logic.MUNICIPALITY: complaint_url(soort="gemeente"),
        route_logic.UNKNOWN_PARTNER: complaint_url(soort="gemeente"),
        route_logic.COOPERATION: complaint_url(soort="samenwerking"),
        route_logic.PARTNER_NOT_HEARD: complaint_url(
            partner=partner.slug if partner else "", gehoord="nee"
        ),
        route_logic.PARTNER_FIRST: complaint_url(
            partner=partner.slug if partner else "", gehoord="nee"
        ),
    }
    return render(
        request,
        "public/route_result.html",
        {
            "result": page,
            "partner": partner,
            "form_url": links.get(page.code, complaint_url()),
            "complaint_url": complaint_url(),
        },
    )


# --- The complaint form -----------------------------------------------------------------


def _apply_service_errors(form: ComplaintForm, error: ValidationError) -> None:
    """The service's messages next to the form's fields; a message about something the
    resident cannot change (the theme, the body) as one plain message above the form."""
    generic = False
    for field, messages in getattr(
        error, "message_dict", {NON_FIELD_ERRORS: error.messages}
    ).items():
        target = SERVICE_FIELDS.get(field)
        if target is None:
            logger.warning("Public complaint refused by the service: %s: %s", field, messages)
            generic = True
            continue
        for message in messages:
            form.add_error(target, message)
    if generic:
        form.add_error(
            None,
            _(
                "Uw klacht kon niet worden opgeslagen. Dat ligt niet aan u. Probeer het later "
                "opnieuw of bel ons."
            ),
        )


def _render_form(request, form, *, token, status=200, limited=False):
    return render(
        request,
        "public/complaint_form.html",
        {
            "form": form,
            "submission_token": token,
            "limited": limited,
            "files_lost": form.is_bound and bool(request.FILES),
            "limit_per_hour": submissions.limit_per_hour(),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def complaint(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = ComplaintForm(initial=initial_from_query(request.GET))
        return _render_form(request, form, token=submissions.new_token())

    form = ComplaintForm(request.POST, request.FILES)
    if form.is_spam:
        # The spam trap was filled in: answer as if all went well, store nothing.
        logger.info("Public complaint form: spam trap filled in; nothing stored.")
        return render(request, "public/complaint_spam.html")

    posted_token = request.POST.get("submission", "")
    check = submissions.check_token(posted_token)
    already = submissions.find(check.raw)
    if already is not None:
        return redirect("public:confirmation", token=check.raw)

    valid = form.is_valid()
    token = posted_token if check.usable else submissions.new_token()
    if not check.usable:
        form.add_error(
            None,
            _(
                "Uw klacht is nog niet verstuurd: het formulier stond te lang open of was niet "
                "compleet. Controleer uw gegevens en klik nog een keer op 'Klacht versturen'."
            ),
        )
        valid = False
    if not valid:
        return _render_form(request, form, token=token, status=400)

    ip = submissions.client_ip(request)
    if submissions.is_rate_limited(ip):
        return _render_form(request, form, token=token, status=429, limited=True)

    try:
        submissions.submit(
            raw_token=check.raw,
            ip=ip,
            data=form.registration_data(),
            involved_partners=form.involved(),
            files=form.cleaned_data["attachments"],
        )
    except submissions.AlreadySubmitted:
        pass  # the same form twice: show the first one's confirmation
    except ValidationError as error:
        _apply_service_errors(form, error)
        return _render_form(request, form, token=token, status=400)
    return redirect("public:confirmation", token=check.raw)


@private_page
@require_GET
def confirmation(request: HttpRequest, token: str) -> HttpResponse:
    submission = submissions.find(token) if _TOKEN.match(token) else None
    if submission is None:
        raise Http404
    complaint = submission.complaint
    arrangement = complaint.body.arrangement_on(complaint.received_on)
    return render(
        request,
        "public/confirmation.html",
        {
            "complaint": complaint,
            "emailed": bool(complaint.complainant_email or complaint.representative_email),
            "ombudsman": arrangement.ombudsman if arrangement else None,
        },
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "public/privacy.html", {"contact": Municipality.current()})
