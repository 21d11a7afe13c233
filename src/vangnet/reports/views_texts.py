"""The coordinator's texts of the annual report (foreword, lessons, measures) for a
year and body: the form and its page. Saved through `services.save_report_text`; who
may: `choice.EDIT_TEXT`."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.core.forms import style_form
from vangnet.organisations.models import Body

from . import services
from .choice import EDIT_TEXT, listed_years, parse_body, parse_year
from .models import ReportText


class ReportTextForm(forms.Form):
    foreword = forms.CharField(
        label=gettext_lazy("Voorwoord"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat bovenaan het verslag."),
    )
    lessons = forms.CharField(
        label=gettext_lazy("Wat hebben we geleerd?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat aan het eind van het verslag, voor de maatregelen."),
    )
    measures = forms.CharField(
        label=gettext_lazy("Welke maatregelen nemen we?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Staat aan het eind van het verslag."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


@login_required
def report_texts(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(EDIT_TEXT):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    problems: list[str] = []
    year = parse_year(source.get("jaar", ""), problems)
    body = parse_body(source.get("orgaan", ""), problems)
    text = ReportText.for_report(year, body.pk if body else None)
    report_url = f"{reverse('reports:annual_report')}?" + urlencode(
        {"jaar": year, "orgaan": body.pk if body else ""}
    )
    status = 200
    if request.method == "POST" and not problems:
        form = ReportTextForm(request.POST)
        if form.is_valid():
            try:
                services.save_report_text(
                    actor=request.user, year=year, body=body, **form.cleaned_data
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(request, _("De teksten voor het verslag zijn opgeslagen."))
                return redirect(report_url)
        status = 400
    else:
        if request.method == "POST":
            # The year or body of the form was tampered with: keep what was typed.
            form = ReportTextForm(request.POST)
            status = 400
        else:
            form = ReportTextForm(
                initial={
                    "foreword": text.foreword,
                    "lessons": text.lessons,
                    "measures": text.measures,
                }
            )
        for problem in problems:
            messages.warning(request, problem)
    return render(
        request,
        "reports/report_texts.html",
        {
            "form": form,
            "year": year,
            "body": body,
            "text": text,
            "years": listed_years(),
            "bodies": list(Body.objects.order_by("name")),
            "report_url": report_url,
        },
        status=status,
    )
