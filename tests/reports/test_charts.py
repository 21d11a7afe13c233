"""The report's charts: SVG with a title and a description in words (issue 5)."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from vangnet.core.charts import MIN_CONTRAST, Chart, chart_colour, contrast
from vangnet.reports import charts, kpis
from vangnet.reports.figures import Cell, Period, Row, Table

from . import register
from .test_exports import sample_report

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: Chart) -> ET.Element:
    root = ET.fromstring(str(chart.svg))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None and root.get("height") is None  # sizes in viewBox
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == chart.title and desc.text == chart.description
    assert root.find(f".//{SVG}script") is None
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def channel_table() -> Table:
    return sample_report().section("volume").table("received_by_channel")


def test_bar_chart_has_title_and_the_numbers_in_words():
    chart = charts.bar_chart(channel_table(), "count", colour="#1d4f91")
    root = parse(chart)
    assert chart.title == "Ontvangen per kanaal: Ontvangen"
    assert chart.description == 'Website 120, E-mail, "digitaal" 3, =Balie 0.'
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 2  # zero draws no bar
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > 0
    assert widths[0] / widths[1] == pytest.approx(40, rel=0.01)
    assert {"Website", "120", "3", "0"} <= set(texts(root))


def test_published_bars_hide_small_numbers():
    table = sample_report().published(5).section("volume").table("received_by_channel")
    chart = charts.bar_chart(table, "count", colour="#1d4f91", threshold=5)
    root = parse(chart)
    assert 'E-mail, "digitaal" minder dan 5' in chart.description
    assert "3" not in texts(root) and "< 5" in texts(root)
    assert len(root.findall(f"{SVG}rect")) == 1


def test_share_chart_is_a_percentage_of_a_full_axis():
    table = sample_report().section("volume").table("received_by_channel")
    chart = charts.bar_chart(table, "share", colour="#1d4f91", share=True, key="x")
    root = parse(chart)
    assert chart.description.startswith("Website 60,0%, ")
    assert "=Balie geen gegevens" in chart.description
    assert "Schaal: 0% tot 100%" in texts(root)


def test_texts_are_escaped():
    table = Table(
        key="received_by_theme",
        title='Thema <script>alert("x")</script> & co',
        columns=[("count", "Ontvangen")],
        rows=[Row("1", '<b>Afval</b> & "vuil"', {"count": Cell(7)})],
    )
    chart = charts.bar_chart(table, "count", colour="#1d4f91")
    assert "<script>" not in str(chart.svg) and "<b>" not in str(chart.svg)
    root = parse(chart)
    assert '<b>Afval</b> & "vuil"' in texts(root)


def test_long_labels_are_shortened_in_the_drawing_not_in_the_description():
    label = "Doorgestuurd naar een ander bestuursorgaan van de gemeente"
    table = Table("t", "T", [("count", "N")], [Row("1", label, {"count": Cell(5)})])
    chart = charts.bar_chart(table, "count", colour="#1d4f91")
    root = parse(chart)
    assert label in chart.description
    shortened = texts(root)[0]
    assert shortened.endswith("…") and len(shortened) <= charts.MAX_LABEL


def test_monthly_line_chart():
    monthly = [(date(2025, m, 1), m * 10, 120 - m * 10) for m in range(1, 13)]
    chart = charts.monthly_line_chart(
        monthly, colour="#1d4f91", this_label="2025", last_label="2024"
    )
    root = parse(chart)
    assert chart.title == "Ontvangen klachten per maand, 2025 en 2024"
    assert chart.description.startswith("2025: januari 10, februari 20, maart 30")
    assert "2024: januari 110, " in chart.description
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert len(root.findall(f"{SVG}circle")) == 12
    # Whole-number ticks up to a round maximum at or above 120.
    ticks = [int(t) for t in texts(root)[:5]]
    assert ticks == sorted(ticks) and ticks[-1] >= 120 and len(set(ticks)) == 5


def test_published_monthly_line_breaks_at_small_months():
    monthly = [(date(2025, m, 1), 3 if m == 6 else 10, 10) for m in range(1, 13)]
    chart = charts.monthly_line_chart(
        monthly, colour="#1d4f91", this_label="2025", last_label="2024", threshold=5
    )
    root = parse(chart)
    assert "juni minder dan 5" in chart.description
    assert " 3," not in chart.description
    assert len(root.findall(f"{SVG}circle")) == 11
    assert len(root.findall(f"{SVG}polyline")) == 3  # this year in two pieces


@pytest.mark.parametrize("primary", ["#ffff00", "#f2a900", "#ffffff", "nonsense", None])
def test_the_house_colour_is_darkened_to_enough_contrast(primary):
    colour = chart_colour(primary)
    assert contrast(colour) >= MIN_CONTRAST
    if primary == "#1d4f91":
        assert colour == primary


def test_a_dark_house_colour_is_kept():
    assert chart_colour("#1D4F91") == "#1d4f91"


def test_a_real_report_has_its_charts(org):
    register.build(org)
    report = kpis.compute(Period.year(2025))
    drawn = charts.report_charts(report, primary_colour="#00aa00")
    assert set(drawn) == {
        "received_by_month",
        "received_by_channel",
        "received_by_theme",
        "received_by_partner",
        "timeliness_by_route",
    }
    for chart in drawn.values():
        parse(chart)
    route = report.section("timeliness").table("timeliness_by_route")
    informal = next(r for r in route.rows if r.key == "resolved_informally")
    share = informal.cells["share_on_time"].value
    expected = f"{share * 100:.1f}%".replace(".", ",")
    assert f"{informal.label} {expected}" in drawn["timeliness_by_route"].description
