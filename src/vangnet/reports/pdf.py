"""The annual report as an accessible PDF (PDF/UA-1: tagged, with language and title),
through the same WeasyPrint helper as the letters. The HTML is
`templates/reports/annual_report_print.html`, which shares its includes with the page;
the charts are inline SVG in it, so nothing is fetched.

Rendered synchronously on request: a year's report takes a second or two. When
reports over many years or bodies become slow, move this into a task that stores the
file (as the letters do)."""

from django.template.loader import render_to_string

from vangnet.letters.rendering import PDF_VARIANT, render_pdf

TEMPLATE = "reports/annual_report_print.html"

__all__ = ["PDF_VARIANT", "TEMPLATE", "render_report_pdf"]


def render_report_pdf(context: dict, *, request=None) -> bytes:
    html = render_to_string(TEMPLATE, context, request=request)
    return render_pdf(html)
