"""The partners' figures pages for a partner user: its periods, the form for one period,
the CSV upload and the example file, and one submission with its versions. The
coordinator's overview and reminders are in `figures_review_views`; the rules and the
storage in `vangnet.partnerportal.figures`. Never cached (`private_page`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.complaints import deadlines
from vangnet.core.forms import apply_service_errors
from vangnet.core.http import private_page
from vangnet.core.roles import Role
from vangnet.organisations.models import Theme

from . import figures, figures_csv
from .forms import (
    OTHER_THEME,
    FiguresFormSet,
    FiguresNoteForm,
    FiguresUploadForm,
    FiguresYearForm,
    figures_theme_choices,
)
from .models import PartnerReportLine, Period, Source


def _require_figures_partner(user) -> None:
    """A partner user with a partner (the coordinator has the overview instead)."""
    if not (figures.can_submit(user) and user.has_role(Role.PARTNER) and user.partner_id):
        raise PermissionDenied


def chosen_year(request: HttpRequest, today) -> int:
    """The year asked for (`?jaar=`), not after this year; else this year."""
    form = FiguresYearForm(request.GET)
    if form.is_valid() and form.cleaned_data["jaar"]:
        return min(form.cleaned_data["jaar"], today.year)
    return today.year


def year_choices(today) -> list[int]:
    """The years to choose from: this year and up to six before, newest first."""
    return list(range(today.year, max(figures.FIRST_YEAR, today.year - 6) - 1, -1))


def _valid_period(year: int, period: str) -> None:
    if period not in Period.values or year < figures.FIRST_YEAR or year > 9999:
        raise Http404


@login_required
@private_page
@require_GET
def figures_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if figures.can_review(user) and not user.partner_id:
        return redirect("partnerportal:figures_overview")
    _require_figures_partner(user)
    today = deadlines.today()
    year = chosen_year(request, today)
    return render(
        request,
        "partnerportal/figures_list.html",
        {
            "partner": user.partner,
            "year": year,
            "years": year_choices(today),
            "rows": figures.partner_periods(user.partner, year, today=today),
            "frequency": figures.frequency_label(figures.report_frequency()),
        },
    )


def _theme_rows(current) -> tuple[list[dict], set[int]]:
    """The initial rows: the current version's lines, then every other active theme,
    then "Overig/onbekend" when not yet there."""
    rows, used = [], set()
    extra_ids = set()
    if current is not None:
        for line in current.lines.select_related("theme__parent"):
            key = str(line.theme_id) if line.theme_id else OTHER_THEME
            used.add(key)
            if line.theme_id:
                extra_ids.add(line.theme_id)
            rows.append(
                {"theme": key, **{name: getattr(line, name) for name in figures.NUMBER_FIELDS}}
            )
    for theme in Theme.objects.filter(is_active=True).order_by("parent__name", "name"):
        if str(theme.pk) not in used:
            rows.append({"theme": str(theme.pk)})
    if OTHER_THEME not in used:
        rows.append({"theme": OTHER_THEME})
    return rows, extra_ids


@login_required
@private_page
@require_http_methods(["GET", "POST"])
def figures_form(request: HttpRequest, year: int, period: str) -> HttpResponse:
    user = request.user
    _require_figures_partner(user)
    _valid_period(year, period)
    partner = user.partner
    today = deadlines.today()
    problems = figures.period_problems(
        year, period, frequency=figures.report_frequency(), today=today
    )
    current = None if problems else figures.current_report(partner, year, period)
    initial, extra_ids = _theme_rows(current)
    choices = figures_theme_choices(extra_ids)
    status = 200
    if request.method == "POST" and not problems:
        formset = FiguresFormSet(request.POST, prefix="regels", theme_choices=choices)
        note_form = FiguresNoteForm(request.POST, auto_id="figures_%s")
        if formset.is_valid() and note_form.is_valid():
            themes = {str(t.pk): t for t in Theme.objects.filter(pk__in=_chosen_theme_ids(formset))}
            filled = [
                (index, form)
                for index, form in enumerate(formset.forms)
                if form.cleaned_data and not form.is_empty()
            ]
            lines = [
                form.line(themes, _("Regel %(n)s") % {"n": index + 1}) for index, form in filled
            ]
            try:
                report = figures.submit_report(
                    partner=partner,
                    year=year,
                    period=period,
                    lines=lines,
                    actor=user,
                    source=Source.FORM,
                    note=note_form.cleaned_data["note"],
                )
            except ValidationError as error:
                _figures_errors(error, formset, note_form, [index for index, _f in filled])
            else:
                messages.success(
                    request,
                    _("Dank u wel. Uw cijfers over %(period)s zijn opgeslagen.")
                    % {"period": figures.period_name(year, period)},
                )
                return redirect("partnerportal:figures_report", pk=report.pk)
        else:
            _rule_errors(formset, current)
        status = 400
    else:
        formset = FiguresFormSet(initial=initial, prefix="regels", theme_choices=choices)
        note_form = FiguresNoteForm(auto_id="figures_%s")
    return render(
        request,
        "partnerportal/figures_form.html",
        {
            "partner": partner,
            "year": year,
            "period": period,
            "period_name": figures.period_name(year, period),
            "problems": problems,
            "current": current,
            "formset": formset,
            "note_form": note_form,
            "number_fields": figures.NUMBER_FIELDS,
        },
        status=status,
    )


def _chosen_theme_ids(formset) -> list[int]:
    return [
        int(form.cleaned_data["theme"])
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("theme", "").isdigit()
    ]


def _rule_errors(formset, current) -> None:
    """When some boxes could not be read (text in a number box), still check the sums and
    themes of what could, so every mistake shows in one round. Nothing is stored."""
    themes = {str(t.pk): t for t in Theme.objects.filter(pk__in=_chosen_theme_ids(formset))}
    lines, indexes = [], []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None) or {}
        if not form.errors and (not data or form.is_empty()):
            continue
        invalid = set(form.errors)
        lines.append(
            {
                "theme": themes.get(data.get("theme") or ""),
                "row": _("Regel %(n)s") % {"n": index + 1},
                "invalid": invalid,
                **{
                    name: data.get(name) or 0
                    for name in figures.NUMBER_FIELDS
                    if name not in invalid
                },
            }
        )
        indexes.append(index)
    if not lines:
        return
    _clean, errors = figures.check_lines(
        lines, allowed_theme_ids=figures.allowed_theme_ids(current), source=Source.FORM
    )
    for item in errors:
        if item.index is None:
            continue
        form = formset.forms[indexes[item.index]]
        if item.field in form.fields and item.field not in form.errors:
            form.add_error(item.field, item.message)


def _figures_errors(error: ValidationError, formset, note_form, form_indexes: list[int]) -> None:
    """Put the service's errors next to the fields: `lines.<i>.<field>` on the form
    of line i, `note` on the note, the rest above the form."""
    for key, messages_ in error.message_dict.items():
        parts = key.split(".")
        for message in messages_:
            if len(parts) == 3 and parts[0] == "lines":
                form = formset.forms[form_indexes[int(parts[1])]]
                form.add_error(parts[2] if parts[2] in form.fields else None, message)
            elif key == "note":
                note_form.add_error("note", message)
            else:
                formset._non_form_errors = formset.error_class(
                    [*formset.non_form_errors(), message], renderer=formset.renderer
                )


@login_required
@private_page
@require_http_methods(["GET", "POST"])
def figures_upload(request: HttpRequest) -> HttpResponse:
    user = request.user
    _require_figures_partner(user)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        form = FiguresUploadForm(request.POST, request.FILES, auto_id="upload_%s")
        if form.is_valid():
            try:
                reports = figures.submit_upload(
                    partner=user.partner,
                    upload=form.cleaned_data["file"],
                    actor=user,
                    note=form.cleaned_data["note"],
                    replace=form.cleaned_data["replace"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    apply_service_errors(form, error)
                else:
                    errors = error.messages
            else:
                messages.success(
                    request,
                    ngettext(
                        "Dank u wel. Uw cijfers over %(periods)s zijn opgeslagen.",
                        "Dank u wel. Uw cijfers over %(periods)s zijn opgeslagen.",
                        len(reports),
                    )
                    % {
                        "periods": ", ".join(figures.period_name(r.year, r.period) for r in reports)
                    },
                )
                return redirect("partnerportal:figures")
        status = 400
    else:
        form = FiguresUploadForm(auto_id="upload_%s")
    return render(
        request,
        "partnerportal/figures_upload.html",
        {
            "partner": user.partner,
            "form": form,
            "errors": errors,
            "columns": figures_csv.COLUMNS,
            "max_mb": figures_csv.MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


@login_required
@private_page
@require_GET
def figures_template(request: HttpRequest) -> HttpResponse:
    """A CSV to fill in: the periods of this year that are over (or, early in the year,
    the last period of last year), a row per active theme."""
    user = request.user
    if not figures.can_submit(user):
        raise PermissionDenied
    today = deadlines.today()
    frequency = figures.report_frequency()
    periods = [
        p for p in figures.periods_of_year(today.year, frequency=frequency) if p[3] <= today
    ] or figures.periods_of_year(today.year - 1, frequency=frequency)[-1:]
    themes = Theme.objects.filter(is_active=True).select_related("parent")
    content = figures_csv.template_csv(periods, themes.order_by("parent__name", "name"))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="klachtcijfers-voorbeeld.csv"'
    return response


@login_required
@private_page
@require_GET
def figures_report(request: HttpRequest, pk: int) -> HttpResponse:
    """One submission with its lines and every version of that period."""
    user = request.user
    if not figures.can_submit(user):
        raise PermissionDenied
    report = get_object_or_404(figures.reports_visible_to(user), pk=pk)
    lines = report.lines.select_related("theme__parent")
    totals = {name: sum(getattr(line, name) for line in lines) for name in figures.NUMBER_FIELDS}
    return render(
        request,
        "partnerportal/figures_report.html",
        {
            "report": report,
            "lines": lines,
            "totals": totals,
            "number_fields": figures.NUMBER_FIELDS,
            "labels": [
                PartnerReportLine._meta.get_field(name).verbose_name.capitalize()
                for name in figures.NUMBER_FIELDS
            ],
            "versions": figures.history(report),
            "period_name": figures.period_name(report.year, report.period),
            "is_coordinator": figures.can_review(user),
            "can_correct": report.is_current and user.partner_id == report.partner_id,
        },
    )
