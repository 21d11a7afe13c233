"""Reading a partner's figures from a CSV file (format: docs/partner-figures.md).

`read_upload` turns an uploaded file into periods with their lines, or into a list of
errors, each naming the row (as the spreadsheet numbers it: the header is row 1) and the
column. It only reads and checks the shape (columns, numbers, periods, themes); the
rules of the figures (the sums, periods that have not ended, the frequency) are checked
by `vangnet.partnerportal.figures`, which also stores nothing unless the whole file is
right.

What it reads: comma, semicolon or tab separated (decided from the header row); UTF-8
with or without a byte order mark, UTF-16 with a byte order mark, or Windows-1252 (what
Excel writes as "CSV"); any line ends; empty rows anywhere; column names in any case,
with spaces, hyphens or underscores. An empty number cell counts as 0.

What it refuses, before reading it all: a file larger than `MAX_BYTES` (by its size);
then a file that is not text (a spreadsheet renamed to .csv, a PDF, an image).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_INTEGER = 2_147_483_647  # PositiveIntegerField

#: The number columns: model field -> CSV column name (Dutch, fixed).
NUMBER_COLUMNS: dict[str, str] = {
    "received": "ontvangen",
    "handled": "afgehandeld",
    "resolved_informally": "informeel_opgelost",
    "decided_formally": "formeel_afgehandeld",
    "not_handled": "niet_in_behandeling",
    "withdrawn": "ingetrokken",
    "well_founded": "gegrond",
    "partly_well_founded": "deels_gegrond",
    "unfounded": "ongegrond",
    "no_judgment": "geen_oordeel",
}
PERIOD_COLUMN = "periode"
THEME_COLUMN = "thema"
COLUMNS: list[str] = [PERIOD_COLUMN, THEME_COLUMN, *NUMBER_COLUMNS.values()]
#: Model field -> CSV column name, for every column that maps to a field.
FIELD_COLUMNS: dict[str, str] = {"period": PERIOD_COLUMN, "theme": THEME_COLUMN, **NUMBER_COLUMNS}

#: What a theme cell may say for "other / unknown" (compared normalised).
OTHER_THEME_WORDS = {"", "overig", "onbekend", "overig/onbekend", "overig_/_onbekend", "anders"}
OTHER_THEME_LABEL = "Overig/onbekend"

_PERIOD = re.compile(r"^(\d{4})(?:\s*[-/ _]?\s*(Q[1-4]|H[12]|Y|K[1-4]))?$", re.IGNORECASE)
_SIGNATURES = (
    (b"PK\x03\x04", "zip"),  # xlsx, ods, docx
    (b"\xd0\xcf\x11\xe0", "ole"),  # xls, doc
    (b"%PDF", "pdf"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)


def normalise(name: str) -> str:
    """A column name or theme as compared: lower case, no accents' variants, spaces,
    hyphens and underscores alike."""
    name = unicodedata.normalize("NFC", name or "").replace("\ufeff", "").replace("\xa0", " ")
    return re.sub(r"[\s_\-]+", "_", name.strip().casefold()).strip("_")


def parse_period(text: str) -> tuple[int, str] | None:
    """'2026-Q1' -> (2026, 'Q1'); '2026-H2' -> (2026, 'H2'); '2026' -> (2026, 'Y').
    Also '2026 Q1', '2026-q1', '2026-K1' (kwartaal). None when it is no period."""
    match = _PERIOD.match((text or "").strip().replace("\xa0", " "))
    if not match:
        return None
    code = (match.group(2) or "Y").upper()
    if code.startswith("K"):
        code = "Q" + code[1]
    return int(match.group(1)), code


def period_label(year: int, period: str) -> str:
    """The label of a period in the CSV: 2026-Q1, 2026-H2, 2026."""
    return str(year) if period == "Y" else f"{year}-{period}"


@dataclass
class Problem:
    row: int  # as the spreadsheet numbers it; 0 for the file as a whole
    message: str


@dataclass
class Group:
    """The rows of one period, in file order."""

    year: int
    period: str
    first_row: int
    lines: list[dict] = field(default_factory=list)


@dataclass
class Parsed:
    groups: list[Group] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        return [p.message for p in sorted(self.problems, key=lambda p: p.row)]


def row_label(row: int) -> str:
    return _("Rij %(row)s") % {"row": row}


def cell_message(row: int, column: str, problem: str) -> str:
    return _("Rij %(row)s, kolom ‘%(column)s’: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": problem,
    }


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")


# --- Bytes to text ------------------------------------------------------------------------


def _not_text() -> str:
    return _(
        "Dit bestand is geen CSV-bestand. Is het een Excel-bestand? Kies in Excel "
        "‘Opslaan als’ en dan ‘CSV (gescheiden door lijstscheidingsteken)’, en kies dat "
        "bestand hier."
    )


def decode(data: bytes) -> str | None:
    """The text of `data`, or None when it is not text."""
    if any(data.startswith(magic) for magic, _kind in _SIGNATURES):
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    elif b"\x00" in data:
        return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")  # Excel's "CSV" on Dutch Windows
            except UnicodeDecodeError:
                return None
    text = text.lstrip("\ufeff")
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    if controls > max(2, len(text) // 100):
        return None
    return text


def _delimiter(text: str) -> str:
    """The separator, decided from the first non-empty line (the header)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


# --- The file -----------------------------------------------------------------------------


def read_upload(upload, *, resolve_theme) -> Parsed:
    """Read an uploaded file (a Django `UploadedFile`, or anything with `size` and
    `read`). `resolve_theme(text)` returns (theme or None, problem or None) for the
    text of a theme cell that is not "other"."""
    parsed = Parsed()
    if upload is None:
        parsed.problems.append(Problem(0, _("Kies een CSV-bestand.")))
        return parsed
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        # Refused by its size: nothing of it is read.
        parsed.problems.append(
            Problem(
                0,
                _("Het bestand is %(size)s MB. Een bestand mag hoogstens %(max)s MB zijn.")
                % {"size": _megabytes(size), "max": MAX_BYTES // (1024 * 1024)},
            )
        )
        return parsed
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        parsed.problems.append(
            Problem(
                0,
                _("Het bestand is groter dan %(max)s MB. Dat mag niet.")
                % {"max": MAX_BYTES // (1024 * 1024)},
            )
        )
        return parsed
    if not data.strip():
        parsed.problems.append(Problem(0, _("Het bestand is leeg.")))
        return parsed
    text = decode(data)
    if text is None:
        parsed.problems.append(Problem(0, _not_text()))
        return parsed
    return read_text(text, resolve_theme=resolve_theme)


def read_text(text: str, *, resolve_theme) -> Parsed:
    """Read decoded CSV text: the header, then every row, grouped by period."""
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows = [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error:
        parsed.problems.append(Problem(0, _not_text()))
        return parsed
    rows = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        parsed.problems.append(Problem(0, _("Het bestand is leeg.")))
        return parsed

    header_row, header = rows[0]
    positions = _read_header(header_row, header, parsed)
    if positions is None:
        return parsed
    if len(rows) == 1:
        parsed.problems.append(
            Problem(header_row, _("Het bestand heeft alleen een kopregel en geen cijfers."))
        )
        return parsed

    groups: dict[tuple[int, str], Group] = {}
    for number, row in rows[1:]:
        period, line = _read_row(number, row, positions, parsed, resolve_theme=resolve_theme)
        if period is not None:
            group = groups.get(period)
            if group is None:
                group = groups[period] = Group(year=period[0], period=period[1], first_row=number)
            group.lines.append(line)
    parsed.groups = list(groups.values())
    return parsed


def _read_row(
    number: int, row: list[str], positions: dict[str, int], parsed: Parsed, *, resolve_theme
) -> tuple[tuple[int, str] | None, dict]:
    """One data row: its period (None when unreadable) and its line; every problem in it
    is added to `parsed`."""
    extra = [cell for index, cell in enumerate(row) if index not in positions.values()]
    if any(cell.strip() for cell in extra):
        parsed.problems.append(
            Problem(
                number,
                _("Rij %(row)s: deze rij heeft meer cellen dan de kopregel.") % {"row": number},
            )
        )

    def cell(column: str) -> str:
        index = positions[column]
        return row[index].strip().replace("\xa0", " ") if index < len(row) else ""

    # `invalid`: the columns found wrong here, which the rules do not check again.
    line: dict = {"row": row_label(number), "row_number": number, "invalid": set()}
    period_text = cell(PERIOD_COLUMN)
    period = parse_period(period_text)
    if period is None:
        parsed.problems.append(
            Problem(
                number,
                cell_message(
                    number,
                    PERIOD_COLUMN,
                    (
                        _("‘%(value)s’ is geen periode.") % {"value": period_text}
                        if period_text
                        else _("vul de periode in.")
                    )
                    + " "
                    + _("Schrijf bijvoorbeeld 2026-Q1 (kwartaal), 2026-H2 (halfjaar) of 2026."),
                ),
            )
        )
    theme_text = cell(THEME_COLUMN)
    if normalise(theme_text) in OTHER_THEME_WORDS:
        line["theme"] = None
    else:
        theme, problem = resolve_theme(theme_text)
        if problem:
            line["invalid"].add("theme")
            parsed.problems.append(Problem(number, cell_message(number, THEME_COLUMN, problem)))
        line["theme"] = theme
    for name, column in NUMBER_COLUMNS.items():
        value, problem = parse_number(cell(column))
        if problem:
            line["invalid"].add(name)
            parsed.problems.append(Problem(number, cell_message(number, column, problem)))
        line[name] = value
    return period, line


def _read_header(number: int, header: list[str], parsed: Parsed) -> dict[str, int] | None:
    """Column name -> position, or None (with problems) when the header is wrong."""
    positions: dict[str, int] = {}
    problems = []
    for index, raw in enumerate(header):
        name = normalise(raw)
        if not name:
            continue
        if name not in COLUMNS:
            problems.append(
                _("Rij %(row)s: de kolom ‘%(column)s’ kennen we niet.")
                % {"row": number, "column": raw.strip()}
            )
        elif name in positions:
            problems.append(
                _("Rij %(row)s: de kolom ‘%(column)s’ staat er twee keer in.")
                % {"row": number, "column": name}
            )
        else:
            positions[name] = index
    missing = [column for column in COLUMNS if column not in positions]
    for column in missing:
        problems.append(
            _("Rij %(row)s: de kolom ‘%(column)s’ ontbreekt.") % {"row": number, "column": column}
        )
    if problems:
        problems.append(
            _(
                "De eerste rij moet precies deze kolommen hebben: %(columns)s. Gebruik het "
                "voorbeeldbestand."
            )
            % {"columns": ", ".join(COLUMNS)}
        )
        parsed.problems.extend(Problem(number, message) for message in problems)
        return None
    return positions


def parse_number(text: str) -> tuple[int, str | None]:
    """(value, problem). Empty is 0."""
    text = text.replace(" ", "").replace("\xa0", "")
    if not text:
        return 0, None
    if re.fullmatch(r"\d+", text):
        value = int(text)
        if value > MAX_INTEGER:
            return 0, _("‘%(value)s’ is te groot.") % {"value": text}
        return value, None
    if re.fullmatch(r"[-−–]\d+([.,]\d+)?", text):
        return 0, _("‘%(value)s’ is negatief. Vul 0 of meer in.") % {"value": text}
    if re.fullmatch(r"\d+([.,]\d+)+", text):
        return 0, _(
            "‘%(value)s’ is geen heel getal. Vul een heel getal in, zonder komma of punt."
        ) % {"value": text}
    return 0, _("‘%(value)s’ is geen getal. Vul een heel getal in, bijvoorbeeld 0 of 12.") % {
        "value": text
    }


# --- The template -------------------------------------------------------------------------


def template_csv(periods: list[tuple[int, str, date, date]], themes) -> bytes:
    """A CSV to fill in: the header and, for each period, a row per theme plus
    "Overig/onbekend", with zeros. Semicolons and a BOM, as Dutch Excel expects."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for year, period, _start, _end in periods:
        for label in [*(theme_label(theme) for theme in themes), OTHER_THEME_LABEL]:
            writer.writerow([period_label(year, period), label, *["0"] * len(NUMBER_COLUMNS)])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def theme_label(theme) -> str:
    """How the template writes a theme: "Main theme > Sub-theme", or the main theme's
    name. A cell may also hold the theme's slug, or its name alone when that is unique."""
    return f"{theme.parent.name} > {theme.name}" if theme.parent_id else theme.name
