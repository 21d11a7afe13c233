"""Storing the figures of a CSV file: one or more periods at once, all or nothing.

The file is read by `partnerportal.figures_csv` (its shape); here every period in it is
checked against the rules (`periods`, `lines`) and stored as a new version
(`versions.store_version`) only when the whole file is right.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.complaints import deadlines
from vangnet.organisations.models import Partner, Theme

from .. import figures_csv
from ..models import PartnerReport, Source
from .access import require_submit
from .lines import allowed_theme_ids, check_lines
from .periods import period_label, period_problems, report_frequency
from .versions import clean_note, current_report, store_version


def _theme_resolver():
    """resolve(text) -> (theme or None, problem or None): a theme cell as its slug, its
    "Main theme > Sub-theme" path, or its name when that is unique."""
    themes = list(Theme.objects.select_related("parent"))
    by_slug = {theme.slug.casefold(): theme for theme in themes}
    by_path: dict[str, Theme] = {}
    by_name: dict[str, list[Theme]] = defaultdict(list)
    for theme in themes:
        by_name[figures_csv.normalise(theme.name)].append(theme)
        if theme.parent_id:
            by_path[figures_csv.normalise(f"{theme.parent.name}>{theme.name}")] = theme

    def resolve(text: str):
        theme = by_slug.get(text.strip().casefold())
        if theme is None:
            path = re.sub(r"\s*[>›/]\s*", ">", text.strip())
            theme = by_path.get(figures_csv.normalise(path))
        if theme is None:
            named = by_name.get(figures_csv.normalise(text), [])
            if len(named) > 1:
                return None, _(
                    "er zijn meer thema's die ‘%(value)s’ heten. Schrijf het hoofdthema "
                    "erbij, zoals ‘%(example)s’."
                ) % {"value": text, "example": figures_csv.theme_label(named[0])}
            theme = named[0] if named else None
        if theme is None:
            return None, _(
                "het thema ‘%(value)s’ kennen we niet. Gebruik een thema uit het "
                "voorbeeldbestand, of ‘%(other)s’."
            ) % {"value": text, "other": figures_csv.OTHER_THEME_LABEL}
        return theme, None

    return resolve


@transaction.atomic
def submit_upload(
    *, partner: Partner, upload, actor, note: str = "", replace: bool = False
) -> list[PartnerReport]:
    """Store the figures of a CSV file (one or more periods) for `partner`, all or
    nothing. A period that already has figures is only replaced when `replace` is on.
    Raises ValidationError with a list of messages, each naming row and column, sorted
    by row (the file as a whole first); `note` errors keyed apart."""
    require_submit(actor, partner)
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    note_errors: dict = {}
    note = clean_note(note, note_errors)
    if note_errors:
        raise ValidationError(note_errors)
    parsed = figures_csv.read_upload(upload, resolve_theme=_theme_resolver())
    problems = list(parsed.problems)
    frequency, today = report_frequency(), deadlines.today()
    ready = []
    for group in parsed.groups:
        clean, current = _check_group(
            group, partner, problems, frequency=frequency, today=today, replace=replace
        )
        ready.append((group, clean, current))
    if not problems and not ready:
        problems.append(figures_csv.Problem(0, _("Het bestand heeft geen rijen met cijfers.")))
    if problems:
        raise ValidationError(
            [problem.message for problem in sorted(problems, key=lambda p: p.row)]
        )
    return [
        store_version(
            partner=partner,
            year=group.year,
            period=group.period,
            lines=clean,
            actor=actor,
            source=Source.UPLOAD,
            note=note,
            current=current,
        )
        for group, clean, current in ready
    ]


def _check_group(
    group: figures_csv.Group, partner: Partner, problems: list, *, frequency, today, replace
) -> tuple[list[dict], PartnerReport | None]:
    """The clean lines of one period in the file and its current report; every problem
    (the period, figures already given, the lines) is added to `problems` by row."""
    wrong = period_problems(group.year, group.period, frequency=frequency, today=today)
    for message in wrong:
        problems.append(
            figures_csv.Problem(
                group.first_row,
                figures_csv.cell_message(group.first_row, figures_csv.PERIOD_COLUMN, message),
            )
        )
    current = None if wrong else current_report(partner, group.year, group.period)
    if current is not None and not replace:
        problems.append(
            figures_csv.Problem(
                group.first_row,
                figures_csv.cell_message(
                    group.first_row,
                    figures_csv.PERIOD_COLUMN,
                    _(
                        "over %(label)s heeft u al cijfers doorgegeven. Wilt u die "
                        "verbeteren? Vink dan ‘Bestaande cijfers vervangen’ aan."
                    )
                    % {"label": period_label(group.year, group.period)},
                ),
            )
        )
    whole = group.lines
    clean, line_errors = check_lines(
        whole, allowed_theme_ids=allowed_theme_ids(current), source=Source.UPLOAD
    )
    for item in line_errors:
        row = whole[item.index]["row_number"] if item.index is not None else group.first_row
        problems.append(figures_csv.Problem(row, item.message))
    return clean, current
