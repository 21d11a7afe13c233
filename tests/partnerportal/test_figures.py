"""The partners' figures: the service's rules (each error kind, all at once, nothing
stored half), versions, the CSV reader's edge cases, missing reports and reminders."""

import codecs
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from vangnet.letters import outbox
from vangnet.partnerportal import figures, figures_csv
from vangnet.partnerportal.models import (
    FiguresReminder,
    PartnerReport,
    PartnerReportLine,
    Source,
)

NOW = datetime(2026, 5, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
HEADER = ";".join(figures_csv.COLUMNS)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def line(theme=None, **numbers):
    base = dict.fromkeys(figures.NUMBER_FIELDS, 0)
    base.update(numbers)
    return {"theme": theme, **base}


def good_line(theme=None):
    # 10 received; handled 8 = 3 informal + 4 formal + 1 not handled + 0 withdrawn;
    # formal 4 = 1 + 1 + 2 + 0.
    return line(
        theme,
        received=10,
        handled=8,
        resolved_informally=3,
        decided_formally=4,
        not_handled=1,
        well_founded=1,
        partly_well_founded=1,
        unfounded=2,
    )


def counts():
    return PartnerReport.objects.count(), PartnerReportLine.objects.count()


def upload(content, name="cijfers.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def csv_row(period, theme, *numbers, sep=";"):
    return sep.join([period, theme, *(str(n) for n in numbers)])


GOOD = (10, 8, 3, 4, 1, 0, 1, 1, 2, 0)


# --- Periods ------------------------------------------------------------------------------


def test_periods_between_and_bounds():
    assert figures.periods_between(date(2025, 1, 1), date(2025, 12, 31), frequency="quarter") == [
        (2025, "Q1", date(2025, 1, 1), date(2025, 3, 31)),
        (2025, "Q2", date(2025, 4, 1), date(2025, 6, 30)),
        (2025, "Q3", date(2025, 7, 1), date(2025, 9, 30)),
        (2025, "Q4", date(2025, 10, 1), date(2025, 12, 31)),
    ]
    # Only periods wholly inside.
    assert [
        p[1]
        for p in figures.periods_between(date(2025, 2, 1), date(2026, 6, 30), frequency="half_year")
    ] == ["H2", "H1"]
    assert figures.periods_between(date(2024, 1, 1), date(2024, 12, 31), frequency="year") == [
        (2024, "Y", date(2024, 1, 1), date(2024, 12, 31))
    ]
    assert figures.period_bounds(2024, "Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert figures_csv.parse_period("2026-q1") == (2026, "Q1")
    assert figures_csv.parse_period(" 2026 ") == (2026, "Y")
    assert figures_csv.parse_period("2026-K3") == (2026, "Q3")
    assert figures_csv.parse_period("2026-Q5") is None


# --- The service --------------------------------------------------------------------------


def test_submit_stores_a_report_with_lines(org, users):
    report = figures.submit_report(
        partner=org.partner,
        year=2026,
        period="Q1",
        lines=[good_line(org.debt), good_line(None)],
        actor=users.partner,
        source=Source.FORM,
        note=" Eerste keer ",
    )
    assert (report.period_start, report.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert (report.version, report.is_current, report.note) == (1, True, "Eerste keer")
    assert report.submitted_by == users.partner
    assert sorted((ln.theme_id or 0, ln.received) for ln in report.lines.all()) == sorted(
        [(org.debt.pk, 10), (0, 10)]
    )


def test_every_error_at_once_and_nothing_stored(org, users):
    before = counts()
    bad = line(
        org.debt,
        received=-1,
        handled=5,
        resolved_informally=1,
        decided_formally=3,
        well_founded=1,
    )
    text = line(org.waste, received="veel")
    with pytest.raises(ValidationError) as caught:
        figures.submit_report(
            partner=org.partner,
            year=2026,
            period="Q2",  # not over yet (ends 30 June)
            lines=[bad, text, good_line(org.debt), good_line(org.inactive_theme)],
            actor=users.partner,
            source=Source.FORM,
            note="x" * 2001,
        )
    errors = caught.value.message_dict
    assert "nog niet voorbij" in errors["period"][0]
    assert "note" in errors
    assert "negatief" in errors["lines.0.received"][0]
    assert errors["lines.0.received"][0].startswith("Regel 1, ontvangen:")
    # handled 5 vs 1 + 3 + 0 + 0 = 4; decided 3 vs 1.
    assert "afgehandeld is 5" in errors["lines.0.handled"][0]
    assert "samen 4" in errors["lines.0.handled"][0]
    assert "formeel afgehandeld is 3" in errors["lines.0.decided_formally"][0]
    assert "heel getal" in errors["lines.1.received"][0]
    assert "ook al op regel 1" in errors["lines.2.theme"][0]
    assert "niet meer in gebruik" in errors["lines.3.theme"][0]
    assert counts() == before


@pytest.mark.parametrize(
    ("year", "period", "frequency", "expected"),
    [
        (1999, "Y", "year", "2000 en later"),
        (2026, "Y", "quarter", "per kwartaal"),
        (2025, "Q4", "half_year", "per halfjaar"),
        (2026, "H1", "half_year", "nog niet voorbij"),
        (2026, "Q9", "quarter", "Kies een periode"),
    ],
)
def test_period_refusals(org, users, year, period, frequency, expected):
    org.municipality.partner_report_frequency = frequency
    org.municipality.save()
    with pytest.raises(ValidationError) as caught:
        figures.submit_report(
            partner=org.partner,
            year=year,
            period=period,
            lines=[good_line()],
            actor=users.partner,
            source=Source.FORM,
        )
    assert expected in caught.value.message_dict["period"][0]
    assert PartnerReport.objects.count() == 0


def test_no_lines_is_refused(org, users):
    with pytest.raises(ValidationError) as caught:
        figures.submit_report(
            partner=org.partner,
            year=2026,
            period="Q1",
            lines=[],
            actor=users.partner,
            source=Source.FORM,
        )
    assert "minstens één regel" in caught.value.message_dict["lines"][0]


def test_permission(org, users):
    for actor in (users.other_partner, users.handler, users.viewer, users.administrator, None):
        with pytest.raises(PermissionDenied):
            figures.submit_report(
                partner=org.partner,
                year=2026,
                period="Q1",
                lines=[good_line()],
                actor=actor,
                source=Source.FORM,
            )
    # A coordinator may submit for any partner.
    figures.submit_report(
        partner=org.other_partner,
        year=2026,
        period="Q1",
        lines=[good_line()],
        actor=users.coordinator,
        source=Source.FORM,
    )
    assert PartnerReport.objects.count() == 1


def test_correction_keeps_the_previous_version(org, users):
    first = figures.submit_report(
        partner=org.partner,
        year=2026,
        period="Q1",
        lines=[good_line(org.debt)],
        actor=users.partner,
        source=Source.FORM,
    )
    # The same again (a double click) stores nothing new.
    again = figures.submit_report(
        partner=org.partner,
        year=2026,
        period="Q1",
        lines=[good_line(org.debt)],
        actor=users.partner,
        source=Source.FORM,
    )
    assert again.pk == first.pk
    corrected = figures.submit_report(
        partner=org.partner,
        year=2026,
        period="Q1",
        lines=[line(org.debt, received=11), good_line(None)],
        actor=users.partner,
        source=Source.FORM,
        note="Een klacht vergeten",
    )
    first.refresh_from_db()
    assert (first.version, first.is_current) == (1, False)
    assert (corrected.version, corrected.is_current) == (2, True)
    assert [ln.received for ln in first.lines.all()] == [10]  # kept as it was
    assert [r.version for r in figures.history(corrected)] == [2, 1]


def test_missing_reports(org, users, django_assert_max_num_queries):
    figures.submit_report(
        partner=org.partner,
        year=2026,
        period="Q1",
        lines=[good_line()],
        actor=users.partner,
        source=Source.FORM,
    )
    # An old version does not count; the current one does.
    figures.submit_report(
        partner=org.other_partner,
        year=2025,
        period="Q4",
        lines=[good_line()],
        actor=users.coordinator,
        source=Source.FORM,
    )
    org.other_partner.__class__.objects.create(
        name="Gestopt", slug="gestopt", public_tasks="-", complaint_phone="1", is_active=False
    )
    with django_assert_max_num_queries(4):
        missing = figures.missing_reports(
            date(2025, 7, 1), date(2026, 12, 31), today=date(2026, 5, 15)
        )
    assert [(p.name, [f"{y}-{c}" for y, c, _s, _e in periods]) for p, periods in missing] == [
        ("Afvalbedrijf Regio", ["2025-Q3", "2026-Q1"]),
        ("Schuldhulp Samen", ["2025-Q3", "2025-Q4"]),
    ]
    # A period whose last day is today is not missing yet.
    assert (
        figures.missing_reports(date(2026, 1, 1), date(2026, 3, 31), today=date(2026, 3, 31)) == []
    )


# --- CSV ----------------------------------------------------------------------------------


def submit_csv(org, users, content, **kwargs):
    return figures.submit_upload(
        partner=org.partner,
        upload=upload(content) if not hasattr(content, "size") else content,
        actor=users.partner,
        **kwargs,
    )


def refused(org, users, content, **kwargs) -> list[str]:
    before = counts()
    with pytest.raises(ValidationError) as caught:
        submit_csv(org, users, content, **kwargs)
    assert counts() == before
    return caught.value.messages


def test_csv_with_bom_semicolons_crlf_and_two_periods_is_read(org, users):
    content = "\r\n".join(
        [
            " Periode ; THEMA ;" + ";".join(c.upper() for c in figures_csv.COLUMNS[2:]),
            csv_row("2026-Q1", "schulden", *GOOD),
            csv_row("2026-Q1", "Openbare ruimte > Afval", *GOOD),
            "",
            csv_row("2025-Q4", "Overig/onbekend", *GOOD),
            csv_row("2025-Q4", "Sociaal domein", 1, 1, 1, 0, 0, 0, 0, 0, 0, 0),
            ";;;;;;;;;;;",
            "",
            "",
        ]
    )
    reports = submit_csv(org, users, codecs.BOM_UTF8 + content.encode("utf-8"))
    assert [(r.year, r.period, r.source) for r in reports] == [
        (2026, "Q1", "upload"),
        (2025, "Q4", "upload"),
    ]
    assert {ln.theme for ln in reports[0].lines.all()} == {org.debt, org.waste}
    assert {ln.theme for ln in reports[1].lines.all()} == {None, org.social}


def test_csv_commas_and_cp1252(org, users):
    org.debt.name = "Schuldhulp én budget"
    org.debt.save()
    content = "\n".join(
        [",".join(figures_csv.COLUMNS), csv_row("2026-Q1", "Schuldhulp én budget", *GOOD, sep=",")]
    )
    [report] = submit_csv(org, users, content.encode("cp1252"))
    assert report.lines.get().theme == org.debt


def test_csv_errors_per_row_and_column_and_nothing_stored(org, users):
    content = "\n".join(
        [
            HEADER,
            csv_row("2026-Q1", "schulden", -3, 8, 3, 4, 1, 0, 1, 1, 2, 0),  # row 2: negative
            csv_row("2026-Q1", "afval", "veel", 8, 3, 4, 1, 0, 1, 1, 2, 0),  # row 3: text
            csv_row("2026-Q1", "parkeren", *GOOD),  # row 4: unknown theme
            csv_row("2026-Q1", "Overig", 10, "2,5", 3, 4, 1, 0, 1, 1, 2, 0),  # row 5: decimal
            csv_row("2026-Q2", "schulden", *GOOD),  # row 6: in the future
            csv_row("2026-Q1", "schulden", *GOOD),  # row 7: same theme as row 2
            csv_row("2025-Q3", "schulden", 10, 9, 3, 4, 1, 0, 1, 1, 2, 0),  # row 8: sum
            csv_row("2026", "schulden", *GOOD),  # row 9: wrong frequency
        ]
    )
    messages = refused(org, users, content)
    text = "\n".join(messages)
    assert "Rij 2, kolom ‘ontvangen’: ‘-3’ is negatief" in text
    assert "Rij 3, kolom ‘ontvangen’: ‘veel’ is geen getal" in text
    assert "Rij 4, kolom ‘thema’: het thema ‘parkeren’ kennen we niet" in text
    assert "Rij 5, kolom ‘afgehandeld’: ‘2,5’ is geen heel getal" in text
    assert "Rij 6, kolom ‘periode’: 2026-Q2 is nog niet voorbij" in text
    assert "Rij 7, kolom ‘thema’:" in text and "ook al op rij 2" in text
    assert "Rij 8, kolom ‘afgehandeld’: afgehandeld is 9" in text
    assert "Rij 9, kolom ‘periode’: De gemeente vraagt de cijfers per kwartaal" in text
    # Sorted by row.
    rows = [int(m.split(",")[0].split()[1]) for m in messages]
    assert rows == sorted(rows)


def test_csv_wrong_columns(org, users):
    content = "periode;thema;ontvangen;aantal;gegrond;gegrond\n2026-Q1;schulden;1;1;1;1\n"
    text = "\n".join(refused(org, users, content))
    assert "Rij 1: de kolom ‘aantal’ kennen we niet." in text
    assert "Rij 1: de kolom ‘gegrond’ staat er twee keer in." in text
    assert "Rij 1: de kolom ‘afgehandeld’ ontbreekt." in text
    assert "Rij 1: de kolom ‘geen_oordeel’ ontbreekt." in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "leeg"),
        (b"\r\n\r\n  \r\n", "leeg"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200, "geen CSV-bestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "geen CSV-bestand"),
        (bytes(range(256)) * 4, "geen CSV-bestand"),
        (HEADER.encode(), "alleen een kopregel"),
    ],
)
def test_csv_file_level_refusals(org, users, content, expected):
    [message] = refused(org, users, content)
    assert expected in message


def test_existing_period_needs_replace(org, users):
    content = "\n".join([HEADER, csv_row("2026-Q1", "schulden", *GOOD)])
    submit_csv(org, users, content)
    [message] = refused(org, users, content.replace("10;8", "12;8"))
    assert "al cijfers doorgegeven" in message
    [report] = submit_csv(org, users, content.replace("10;8", "12;8"), replace=True)
    assert report.version == 2


class HugeUpload:
    """A 50 MB upload that must be refused by its size: reading it fails the test."""

    size = 50 * 1024 * 1024
    name = "groot.csv"

    def read(self, *args):
        raise AssertionError("a file over the limit must not be read")

    def chunks(self, *args):
        raise AssertionError("a file over the limit must not be read")


def test_a_50_mb_file_is_refused_by_its_size_unread(org, users):
    [message] = refused(org, users, HugeUpload())
    assert message == "Het bestand is 50 MB. Een bestand mag hoogstens 2 MB zijn."


def test_a_file_that_lies_about_its_size_is_read_only_up_to_the_limit(org, users):
    class Lying(io.BytesIO):
        size = 10

    big = Lying(b"a;" * (figures_csv.MAX_BYTES))
    [message] = refused(org, users, big)
    assert "groter dan 2 MB" in message


def test_template_csv_reads_back(org, users):
    periods = figures.periods_of_year(2026, frequency="quarter")[:1]
    from vangnet.organisations.models import Theme

    data = figures_csv.template_csv(periods, Theme.objects.filter(is_active=True))
    assert data.startswith(codecs.BOM_UTF8)
    [report] = submit_csv(org, users, data)
    assert report.lines.count() == Theme.objects.filter(is_active=True).count() + 1


# --- Reminders ----------------------------------------------------------------------------


def test_reminder_reaches_the_partner_by_smtp(smtp_server, org, users, settings):
    settings.VANGNET = {**settings.VANGNET, "BASE_URL": "https://klachten.testwijk.invalid"}
    users.partner.email = "medewerker@schuldhulp.invalid"
    users.partner.save()
    figures.submit_report(
        partner=org.other_partner,
        year=2026,
        period="Q1",
        lines=[good_line()],
        actor=users.coordinator,
        source=Source.FORM,
    )
    with pytest.raises(PermissionDenied):
        figures.send_reminders(actor=users.handler, year=2026, period="Q1")
    result = figures.send_reminders(actor=users.coordinator, year=2026, period="Q1")
    assert [r.partner for r in result.sent] == [org.partner]  # the other one reported
    outbox.flush()
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "klachten@schuldhulp.invalid",
        "medewerker@schuldhulp.invalid",
    ]
    message = smtp_server.messages[0]
    assert "1e kwartaal 2026" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "https://klachten.testwijk.invalid/partner/cijfers/" in body
    reminder = FiguresReminder.objects.get()
    assert (reminder.partner, reminder.year, reminder.period, reminder.sent_by) == (
        org.partner,
        2026,
        "Q1",
        users.coordinator,
    )
    # A period not over yet cannot be reminded of.
    with pytest.raises(ValidationError):
        figures.send_reminders(actor=users.coordinator, year=2026, period="Q2")


def test_reminder_to_a_partner_without_address(org, users):
    org.other_partner.complaint_email = ""
    org.other_partner.save()
    result = figures.send_reminders(
        actor=users.coordinator, year=2026, period="Q1", partners=[org.other_partner]
    )
    assert result.sent == [] and result.without_address == [org.other_partner]
    assert FiguresReminder.objects.count() == 0
