"""The coordinator's figures pages: per period who has (not) given their figures, and
the reminders to those who have not. Rules and storage: `vangnet.partnerportal.figures`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from vangnet.complaints import deadlines
from vangnet.core.http import private_page

from . import figures
from .figures_views import chosen_year, year_choices
from .forms import FiguresReminderForm


def _require_coordinator(user) -> None:
    if not figures.can_review(user):
        raise PermissionDenied


@login_required
@private_page
@require_GET
def figures_overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_coordinator(user)
    today = deadlines.today()
    year = chosen_year(request, today)
    return render(
        request,
        "partnerportal/figures_overview.html",
        {
            "year": year,
            "years": year_choices(today),
            "rows": figures.year_overview(year, today=today),
            "frequency": figures.frequency_label(figures.report_frequency()),
        },
    )


@login_required
@private_page
@require_POST
def figures_remind(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_coordinator(user)
    form = FiguresReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een periode en een partner."))
        return redirect("partnerportal:figures_overview")
    data = form.cleaned_data
    year, period = data["year"], data["period"]
    target = redirect(
        f"{reverse('partnerportal:figures_overview')}?jaar={year}#periode-{year}-{period}"
    )
    partner = data["partner"]
    try:
        result = figures.send_reminders(
            actor=user, year=year, period=period, partners=[partner] if partner else None
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return target
    name = figures.period_name(year, period)
    if result.sent:
        messages.success(
            request,
            ngettext(
                "Herinnering over %(period)s gestuurd naar %(names)s.",
                "Herinneringen over %(period)s gestuurd naar %(names)s.",
                len(result.sent),
            )
            % {"period": name, "names": ", ".join(r.partner.name for r in result.sent)},
        )
    for skipped in result.without_address:
        messages.warning(
            request,
            _(
                "%(partner)s heeft geen e-mailadres. Vul het in bij de partner (Beheer), of "
                "neem op een andere manier contact op."
            )
            % {"partner": skipped.name},
        )
    if not result.sent and not result.without_address:
        messages.info(
            request,
            _("Er was niemand meer om te herinneren: alle partners hebben hun cijfers gegeven."),
        )
    return target
