"""The annual report page, its PDF and the coordinator's texts (issue 5, part 2)."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import IntegrityError
from django.utils.html import escape
from pypdf import PdfReader
from rest_framework.test import APIClient

from vangnet.reports import kpis
from vangnet.reports.figures import Period
from vangnet.reports.models import ReportText

from . import register


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Open-data files are cached; every test starts without."""
    cache.clear()


PAGE = "/backoffice/rapportage/jaarverslag/"
PDF = "/backoffice/rapportage/jaarverslag/pdf/"
TEXTS = "/backoffice/rapportage/jaarverslag/teksten/"
#: A suppressed cell as the page shows it.
SUPPRESSED_CELL = re.compile(r'class="vangnet-report-now" data-figure="[^"]+">&lt; 5<')


@pytest.fixture
def built(org):
    return register.build(org)


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- who ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PAGE, PDF, TEXTS])
def test_anonymous_is_sent_to_login(client, org, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["handler", "partner", "administrator", "nobody"])
def test_other_roles_may_not_see_the_report(client, users, role):
    login(client, getattr(users, role))
    assert client.get(PAGE).status_code == 403
    assert client.get(PDF).status_code == 403
    assert client.get(TEXTS).status_code == 403


def test_coordinator_sees_the_internal_variant_by_default(client, users):
    response = login(client, users.coordinator).get(PAGE, {"jaar": 2025})
    assert response.status_code == 200
    assert response.context["variant"] == "intern"
    assert not response.context["report"].published_variant
    assert "Interne versie." in response.content.decode()
    assert response.context["can_edit_texts"]


def test_viewer_sees_only_the_published_variant(client, users):
    login(client, users.viewer)
    response = client.get(PAGE, {"jaar": 2025})
    assert response.status_code == 200
    assert response.context["report"].published_variant
    assert 'name="variant"' not in response.content.decode()
    assert TEXTS not in response.content.decode()
    # Asking for the internal one by hand: the published one, and why.
    response = client.get(PAGE, {"jaar": 2025, "variant": "intern"})
    assert response.status_code == 200
    assert response.context["report"].published_variant
    assert any("alleen voor de klachtcoördinator" in m for m in messages_of(response))
    response = client.get(PDF, {"jaar": 2025, "variant": "intern"})
    assert response.status_code == 200
    assert "-intern" not in response["Content-Disposition"]


# --- the content ----------------------------------------------------------------------


def test_the_page_shows_every_section_table_and_chart(client, users, built):
    response = login(client, users.coordinator).get(PAGE, {"jaar": 2025})
    html = response.content.decode()
    report = kpis.compute(Period.year(2025))
    for section in report.sections:
        assert escape(section.title) in html
        for table in section.tables:
            assert escape(table.title) in html
    # Bars for theme, partner and channel, a line per month, timeliness per route.
    for key in (
        "received_by_theme",
        "received_by_partner",
        "received_by_channel",
        "timeliness_by_route",
        "monthly-intake",
    ):
        assert f'id="chart-{key}-title"' in html, key
    assert html.count('role="img"') == 5
    # A headline figure beside last year's, formatted.
    received = report.section("volume").figure("received").cell
    row = re.search(r"Ontvangen klachten</th>\s*<td[^>]*><strong[^>]*>(\d+)</strong></td>\s*"
                    r"<td[^>]*>(\d+)</td>", html)  # fmt: skip
    assert row and (int(row[1]), int(row[2])) == (received.value, received.previous)
    assert "Alle bestuursorganen" in html
    assert 'href="/backoffice/rapportage/jaarverslag/pdf/?jaar=2025' in html
    assert 'href="/open-data/klachten-2025.csv"' in html


def test_published_variant_shows_small_cells_as_fewer_than_five(client, users, built):
    login(client, users.coordinator)
    internal = client.get(PAGE, {"jaar": 2025, "variant": "intern"}).content.decode()
    published = client.get(PAGE, {"jaar": 2025, "variant": "gepubliceerd"}).content.decode()
    assert SUPPRESSED_CELL.search(published)
    assert not SUPPRESSED_CELL.search(internal)
    assert "minder dan 5" in published  # in the charts' descriptions
    assert "minder dan 5" not in internal


def test_published_outputs_hold_no_personal_data(client, users, org, built, make_complaint):
    complaint = make_complaint(received_on=date(2025, 3, 4))
    login(client, users.viewer)
    html = client.get(PAGE, {"jaar": 2025}).content.decode()
    pdf = pdf_text(client.get(PDF, {"jaar": 2025}).content)
    client.logout()
    csv_text = client.get("/open-data/klachten-2025.csv").content.decode()
    json_text = client.get("/open-data/klachten-2025.json").content.decode()
    for output in (html, pdf, csv_text, json_text):
        for personal in (
            complaint.complainant_name,
            complaint.complainant_email,
            complaint.complainant_phone,
            complaint.complainant_street,
            complaint.description[:30],
            complaint.reference,
            "Jan Register",
            "jan@example.invalid",
            *register.SECRET_TEXTS,
        ):
            assert personal not in output


def test_the_internal_report_holds_no_free_text_of_learning_or_the_second_line(
    client, users, org, built
):
    """Lessons, rules, measures, ombudsman cases and responses are counted, never quoted."""
    login(client, users.coordinator)
    html = client.get(PAGE, {"jaar": 2025, "variant": "intern"}).content.decode()
    pdf = pdf_text(client.get(PDF, {"jaar": 2025, "variant": "intern"}).content)
    api = APIClient()
    api.force_authenticate(users.coordinator)
    data = api.get("/api/v1/reports/figures/", {"year": 2025}).content.decode()
    assert "Kosten van de tweede lijn" in html and "Casusoverleggen gehouden" in html
    for output in (html, pdf, data):
        for text in (*register.SECRET_TEXTS, "Jan Register", "NO-25-1", "GO-25-3"):
            assert text not in output


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"jaar": "abc"}, "‘abc’ is geen jaar"),
        ({"jaar": "1800"}, "‘1800’ is geen jaar"),
        ({"jaar": "99999999999999999999"}, "is geen jaar"),
        ({"orgaan": "999"}, "‘999’ bestaat niet"),
        ({"orgaan": "x'<"}, "bestaat niet"),
        ({"orgaan": "99999999999999999999"}, "bestaat niet"),
        ({"orgaan": "²"}, "bestaat niet"),
        ({"jaar": "２０２５"}, "is geen jaar"),
        ({"variant": "alles"}, "‘alles’ is geen versie"),
    ],
)
def test_bad_parameters_give_a_message_and_the_default(client, users, params, message):
    response = login(client, users.coordinator).get(PAGE, params)
    assert response.status_code == 200
    assert any(message in m for m in messages_of(response)), messages_of(response)
    # The defaults: last year, all bodies, the coordinator's internal variant.
    assert response.context["year"] == date.today().year - 1
    assert response.context["body"] is None
    assert response.context["variant"] == "intern"


def test_one_body(client, users, org, built):
    response = login(client, users.coordinator).get(PAGE, {"jaar": 2025, "orgaan": org.mayor.pk})
    assert response.status_code == 200
    assert response.context["report"].body_id == org.mayor.pk
    assert f"orgaan={org.mayor.pk}" in response.context["pdf_url"]
    assert f"/open-data/klachten-2025.csv?orgaan={org.mayor.pk}" in response.content.decode()


# --- the PDF --------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_is_an_accessible_pdf_with_sections_and_charts(client, users, built):
    ReportText.objects.create(year=2025, foreword="Een woord vooraf van de coördinator.")
    response = login(client, users.coordinator).get(PDF, {"jaar": 2025, "variant": "gepubliceerd"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="klachtenrapportage-2025.pdf"'
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert catalog["/MarkInfo"]["/Marked"]  # tagged (PDF/UA)
    assert "Klachtenrapportage 2025" in reader.metadata.title
    text = pdf_text(response.content)
    report = kpis.compute(Period.year(2025))
    for section in report.sections:
        assert " ".join(section.title.split()) in text, section.title
    for title in (
        "Ontvangen per thema",
        "Ontvangen per kanaal",
        "Ontvangen per samenwerkingspartner",
        "Ontvangen klachten per maand, 2025 en 2024",
        "Tijdigheid en doorlooptijd per route: Aandeel op tijd",
    ):
        assert title in text, title
    assert "Schaal: 0% tot 100%" in text  # drawn from the SVG itself
    assert "Een woord vooraf van de coördinator." in text
    assert "< 5" in text


# --- the texts ------------------------------------------------------------------------


def test_coordinator_writes_the_texts_and_they_show_in_both_variants(client, users, org):
    login(client, users.coordinator)
    response = client.get(TEXTS, {"jaar": 2025, "orgaan": org.mayor.pk})
    assert response.status_code == 200
    assert response.context["form"]["foreword"].value() in ("", None)
    response = client.post(
        TEXTS,
        {
            "jaar": 2025,
            "orgaan": org.mayor.pk,
            "foreword": "Voorwoord <b>vet</b>",
            "lessons": "We leerden veel.",
            "measures": "Betere brieven.",
        },
    )
    assert response.status_code == 302
    text = ReportText.objects.get(year=2025, body=org.mayor)
    assert (text.foreword, text.updated_by) == ("Voorwoord <b>vet</b>", users.coordinator)
    # Prefilled next time; another body or year has its own.
    response = client.get(TEXTS, {"jaar": 2025, "orgaan": org.mayor.pk})
    assert response.context["form"]["lessons"].value() == "We leerden veel."
    assert client.get(TEXTS, {"jaar": 2025}).context["form"]["lessons"].value() == ""
    for variant in ("intern", "gepubliceerd"):
        html = client.get(
            PAGE, {"jaar": 2025, "orgaan": org.mayor.pk, "variant": variant}
        ).content.decode()
        assert "Voorwoord &lt;b&gt;vet&lt;/b&gt;" in html
        assert html.index("Voorwoord &lt;b&gt;") < html.index("Betere brieven.")
        assert "We leerden veel." in html
    # Saving again replaces, it does not add a row.
    client.post(TEXTS, {"jaar": 2025, "orgaan": org.mayor.pk, "foreword": "Nieuw"})
    assert ReportText.objects.filter(year=2025, body=org.mayor).count() == 1
    assert ReportText.objects.get(year=2025, body=org.mayor).lessons == ""


def test_the_municipality_wide_texts_are_saved_and_saved_again(client, users):
    """Issue 14: saving the texts without a body locked a row of an outer join, which
    PostgreSQL refuses (a server error)."""
    login(client, users.coordinator)
    for foreword in ("Eerste versie", "Tweede versie"):
        response = client.post(TEXTS, {"jaar": 2025, "orgaan": "", "foreword": foreword})
        assert response.status_code == 302
    text = ReportText.objects.get(year=2025)
    assert (text.body, text.foreword) == (None, "Tweede versie")


def test_bad_texts_keep_the_input_and_store_nothing(client, users):
    login(client, users.coordinator)
    too_long = "x" * 20_001
    response = client.post(
        TEXTS, {"jaar": 2025, "orgaan": "", "foreword": "Goed", "lessons": too_long}
    )
    assert response.status_code == 400
    assert "hoogstens 20.000 tekens" in response.content.decode()
    assert response.context["form"]["foreword"].value() == "Goed"
    assert not ReportText.objects.exists()
    # A tampered year: a message, the input kept, nothing stored.
    response = client.post(TEXTS, {"jaar": "1800", "foreword": "Goed"})
    assert response.status_code == 400
    assert response.context["form"]["foreword"].value() == "Goed"
    assert not ReportText.objects.exists()


def test_viewer_may_not_write_texts(client, users):
    login(client, users.viewer)
    assert client.post(TEXTS, {"jaar": 2025, "foreword": "x"}).status_code == 403
    assert not ReportText.objects.exists()


def test_one_text_per_year_for_all_bodies(org):
    ReportText.objects.create(year=2025)
    ReportText.objects.create(year=2025, body=org.mayor)
    with pytest.raises(IntegrityError):
        ReportText.objects.create(year=2025)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (0.6667, "share", "66,7%"),  # rounded, not cut off
        (0.0005, "share", "0,1%"),
        (1.0, "share", "100,0%"),
        (12.5, "days", "12,5"),
        (12.0, "days", "12"),
        (0.385, "rate", "0,39"),
        (12345, "count", "12.345"),
        (43297.29, "eur", "€ 43.297,29"),
        (Decimal("43297.29"), "eur", "€ 43.297,29"),
        (Decimal("432.97"), "eur", "€ 432,97"),
        (Decimal("0.00"), "eur", "€ 0,00"),
        (Decimal("1000"), "eur", "€ 1.000,00"),
        (None, "eur", "–"),
        (None, "count", "–"),
    ],
)
def test_values_are_rounded_half_up_in_dutch(value, unit, shown):
    from vangnet.reports.presentation import format_value

    assert format_value(value, unit) == shown
