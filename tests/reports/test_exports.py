"""Open data (CSV, JSON, XLSX), its public URLs and the report API (issue 5, parts 3
and 6). Unit tests on a small hand-built report; the URLs on the reconciliation
register (`register.py`)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from openpyxl import load_workbook
from rest_framework.test import APIClient

from vangnet.reports import exports, kpis
from vangnet.reports.figures import Cell, Figure, Period, Report, Row, Section, Table, Unit

from . import register


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Open-data files are cached; every test starts without."""
    cache.clear()


def sample_report() -> Report:
    """Every unit, a text with a comma and quotes, a label that looks like a formula,
    small cells (suppressed in the published variant) and a missing value."""
    channel = Table(
        key="received_by_channel",
        title="Ontvangen per kanaal",
        columns=[("count", "Ontvangen"), ("share", "Aandeel")],
        rows=[
            Row(
                "web",
                "Website",
                {
                    "count": Cell(120, 98, suppressible=True),
                    "share": Cell(0.6, 0.55, Unit.SHARE, suppressible=True, basis=120,
                                  previous_basis=98),
                },
            ),
            Row(
                "email",
                "E-mail, \"digitaal\"",
                {
                    "count": Cell(3, 80, suppressible=True),
                    "share": Cell(0.015, 0.45, Unit.SHARE, suppressible=True, basis=3,
                                  previous_basis=80),
                },
            ),
            Row(
                "desk",
                "=Balie",
                {
                    "count": Cell(0, None, suppressible=True),
                    "share": Cell(None, None, Unit.SHARE, suppressible=True, basis=0),
                },
            ),
        ],
        chart_column="count",
    )  # fmt: skip
    volume = Section(
        "volume",
        "Aantal klachten",
        figures=[
            Figure("received", "Ontvangen klachten", Cell(1234, 1100)),
            Figure("per_1000_inhabitants", "Per 1.000 inwoners", Cell(12.34, 11.0, Unit.RATE)),
        ],
        tables=[channel],
    )
    timeliness = Section(
        "timeliness",
        "Op tijd?",
        figures=[
            Figure("lead_time_median", "Mediaan", Cell(12.5, 14.0, Unit.DAYS)),
            Figure("share_on_time", "Aandeel op tijd", Cell(0.8125, None, Unit.SHARE)),
        ],
    )
    second_line = Section(
        "second_line",
        "Tweede lijn",
        figures=[
            Figure("cost", "Kosten", Cell(Decimal("43297.29"), Decimal("1000.00"), Unit.EUR)),
            Figure("cost_per_case", "Per zaak", Cell(None, Decimal("432.97"), Unit.EUR)),
        ],
        tables=[
            Table(
                key="second_line_arrangements",
                title="Ombudsman",
                columns=[("ombudsman", "Ombudsman")],
                rows=[Row("1", "College", {"ombudsman": Cell("Nationale ombudsman", None,
                                                              Unit.TEXT)})],
            )
        ],
    )  # fmt: skip
    return Report(
        period=Period.year(2025),
        previous_period=Period.year(2024),
        body="",
        body_id=None,
        municipality="Gemeente Testwijk",
        sections=[volume, timeliness, second_line],
        monthly_intake=[(date(2025, m, 1), m * 10, m * 9) for m in range(1, 13)],
    )


def as_plain(value):
    """A value as the CSV writes it."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def as_json(value):
    """A value as the JSON holds it: an amount (Decimal) is a number."""
    return float(value) if isinstance(value, Decimal) else value


# --- the formats ----------------------------------------------------------------------


def test_csv_round_trip_equals_the_flat_figures():
    report = sample_report()
    content = exports.to_csv(report)
    assert not content.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == exports.COLUMN_NAMES
    flat = list(report.flat())
    assert len(rows) == len(flat) == 13
    for row, figure in zip(rows, flat, strict=True):
        assert row["id"] == figure.id
        assert (row["section"], row["table"], row["row"], row["column"]) == (
            figure.section, figure.table, figure.row, figure.column,
        )  # fmt: skip
        assert (row["row_label"], row["label"], row["unit"]) == (
            figure.row_label, figure.label, figure.unit,
        )  # fmt: skip
        assert row["value"] == as_plain(figure.value)
        assert row["previous"] == as_plain(figure.previous)
    by_id = {row["id"]: row for row in rows}
    assert by_id["volume.received"]["value"] == "1234"
    assert by_id["volume.received_by_channel.web.share"]["value"] == "0.6"
    assert by_id["volume.received_by_channel.email.count"]["row_label"] == 'E-mail, "digitaal"'
    # Money: plain decimal notation with two decimals; unknown is empty.
    assert (by_id["second_line.cost"]["value"], by_id["second_line.cost"]["previous"]) == (
        "43297.29", "1000.00",
    )  # fmt: skip
    assert by_id["second_line.cost"]["unit"] == "eur"
    assert by_id["second_line.cost_per_case"]["value"] == ""


def test_published_csv_shows_small_cells_as_fewer_than_five():
    internal = {
        r["id"]: r for r in csv.DictReader(io.StringIO(exports.to_csv(sample_report()).decode()))
    }
    published = {r["id"]: r for r in csv.DictReader(io.StringIO(
        exports.to_csv(sample_report().published(5)).decode()))}  # fmt: skip
    email = "volume.received_by_channel.email"
    assert (internal[f"{email}.count"]["value"], internal[f"{email}.share"]["value"]) == (
        "3", "0.015",
    )  # fmt: skip
    assert (published[f"{email}.count"]["value"], published[f"{email}.share"]["value"]) == (
        "< 5", "< 5",
    )  # fmt: skip
    assert published[f"{email}.count"]["previous"] == "80"
    # Zero is not a small cell; headline figures are never suppressed.
    assert published["volume.received_by_channel.desk.count"]["value"] == "0"
    assert not any("<" in r["value"] + r["previous"] for r in internal.values())


def test_json_document():
    report = sample_report().published(5)
    data = json.loads(exports.to_json(report))
    assert data["period"] == {"start": "2025-01-01", "end": "2025-12-31", "label": "2025"}
    assert (data["threshold"], data["variant"], data["body"]) == (5, "published", None)
    assert data["generated_at"]
    assert [c["name"] for c in data["columns"]] == [
        *exports.COLUMN_NAMES, "suppressed", "previous_suppressed",
    ]  # fmt: skip
    figures = {f["id"]: f for f in data["figures"]}
    assert len(figures) == len(list(report.flat()))
    small = figures["volume.received_by_channel.email.count"]
    assert (small["value"], small["suppressed"], small["previous"]) == (None, True, 80)
    assert figures["volume.received"] | {} == {
        "id": "volume.received", "section": "volume", "table": "", "row": "", "row_label": "",
        "column": "received", "label": "Ontvangen klachten", "unit": "count", "value": 1234,
        "previous": 1100, "suppressed": False, "previous_suppressed": False,
    }  # fmt: skip
    # Money is a JSON number with its cents, never suppressed; unknown is null.
    assert (figures["second_line.cost"]["value"], figures["second_line.cost"]["previous"]) == (
        43297.29, 1000.0,
    )  # fmt: skip
    assert b'"value": 43297.29,' in exports.to_json(report)
    assert figures["second_line.cost_per_case"]["value"] is None
    assert not figures["second_line.cost_per_case"]["suppressed"]
    internal = json.loads(exports.to_json(sample_report()))
    assert internal["variant"] == "internal"
    assert not any(f["suppressed"] for f in internal["figures"])


def test_xlsx_reads_back_with_numbers_as_numbers():
    report = sample_report().published(5)
    book = load_workbook(io.BytesIO(exports.to_xlsx(report)))
    assert len(book.worksheets) == 1
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == exports.COLUMN_NAMES
    assert all(cell.font.bold for cell in sheet[1])
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["volume.received"][8:] == (1234, 1100)
    assert by_id["volume.per_1000_inhabitants"][8:] == (12.34, 11.0)
    assert by_id["volume.received_by_channel.email.count"][8:] == ("< 5", 80)
    assert by_id["timeliness.share_on_time"][8:] == (0.8125, None)
    assert by_id["second_line.cost"][8:] == (43297.29, 1000)
    cost_row = list(by_id).index("second_line.cost") + 2
    assert sheet[f"I{cost_row}"].number_format == "#,##0.00"
    # A label that starts with "=" stays text, never a formula.
    assert by_id["volume.received_by_channel.desk.count"][4] == "=Balie"
    assert sheet["E" + str(list(by_id).index("volume.received_by_channel.desk.count") + 2)
                 ].data_type == "s"  # fmt: skip


# --- the public URLs ------------------------------------------------------------------


@pytest.fixture
def built(org):
    return register.build(org)


def test_open_data_files_are_public_and_published(client, org, built):
    report = kpis.compute(Period.year(2025)).published(5)
    expected = {f.id: f for f in report.flat()}
    response = client.get("/open-data/klachten-2025.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="klachten-2025.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert [r["id"] for r in rows] == list(expected)
    for row in rows:
        figure = expected[row["id"]]
        value = "< 5" if figure.suppressed else as_plain(figure.value)
        assert row["value"] == value, row["id"]
    assert any(r["value"] == "< 5" for r in rows)

    data = client.get("/open-data/klachten-2025.json").json()
    assert data["threshold"] == 5 and data["variant"] == "published"
    assert {f["id"]: f["value"] for f in data["figures"]} == {
        k: (None if f.suppressed else as_json(f.value)) for k, f in expected.items()
    }
    book = load_workbook(io.BytesIO(client.get("/open-data/klachten-2025.xlsx").content))
    assert book.active.max_row == len(expected) + 1


def test_one_body_and_bad_requests(client, org, built):
    response = client.get("/open-data/klachten-2025.json", {"orgaan": org.mayor.pk})
    assert response.json()["body"] == {"id": org.mayor.pk, "name": org.mayor.name}
    assert response["Content-Disposition"].endswith(f'klachten-2025-orgaan-{org.mayor.pk}.json"')
    future = date.today().year + 1
    assert client.get(f"/open-data/klachten-{future}.csv").status_code == 404
    assert client.get("/open-data/klachten-1999.csv").status_code == 404
    assert client.get("/open-data/klachten-2025.pdf").status_code == 404
    assert client.get("/open-data/klachten-2025.csv", {"orgaan": 999}).status_code == 404
    assert client.get("/open-data/klachten-2025.csv", {"orgaan": "abc"}).status_code == 404
    huge = {"orgaan": "99999999999999999999"}
    assert client.get("/open-data/klachten-2025.csv", huge).status_code == 404
    this_year = date.today().year
    assert client.get(f"/open-data/klachten-{this_year}.csv").status_code == 200


def test_open_data_index_lists_years_and_columns(client, org, built):
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    for year in range(2024, date.today().year + 1):
        assert f'href="/open-data/klachten-{year}.csv"' in html
    assert f"klachten-{date.today().year + 1}" not in html
    for name, _description in exports.COLUMNS:
        assert f"<code>{name}</code>" in html
    html = client.get("/open-data/", {"orgaan": org.mayor.pk}).content.decode()
    assert f'href="/open-data/klachten-2025.xlsx?orgaan={org.mayor.pk}"' in html
    response = client.get("/open-data/", {"orgaan": "999"})
    assert response.status_code == 400
    assert "bestaat niet" in response.content.decode()


# --- the API --------------------------------------------------------------------------

API = "/api/v1/reports/figures/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_gives_the_open_data_json(users, org, built):
    response = api(users.coordinator).get(API, {"year": 2025})
    assert response.status_code == 200
    data = response.json()
    assert data["variant"] == "internal"
    internal = {f.id: as_json(f.value) for f in kpis.compute(Period.year(2025)).flat()}
    assert {f["id"]: f["value"] for f in data["figures"]} == internal
    published = api(users.coordinator).get(API, {"year": 2025, "variant": "published"}).json()
    public = APIClient().get("/open-data/klachten-2025.json").json()
    assert published["figures"] == public["figures"]
    # A viewer gets the published variant, and may not ask for the internal one.
    assert api(users.viewer).get(API, {"year": 2025}).json()["figures"] == public["figures"]
    assert api(users.viewer).get(API, {"year": 2025, "variant": "internal"}).status_code == 403


def test_api_permissions_and_bad_parameters(users, org):
    assert api().get(API).status_code in (401, 403)
    assert api(users.handler).get(API).status_code == 403
    assert api(users.partner).get(API).status_code == 403
    response = api(users.coordinator).get(API, {"year": "abc", "body": "999", "variant": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"year", "body", "variant"}
    assert api(users.coordinator).get(API, {"year": date.today().year + 1}).status_code == 400
    huge = {"year": "9" * 30, "body": "9" * 30}
    assert set(api(users.coordinator).get(API, huge).json()) == {"year", "body"}
    response = api(users.coordinator).get(API)
    assert response.json()["period"]["label"] == str(date.today().year - 1)
