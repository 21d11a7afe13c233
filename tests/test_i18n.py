"""The English translation of the user interface.

The source strings are Dutch; `src/vangnet/locale/en/LC_MESSAGES/django.po` holds the
English. These tests make sure that a new Dutch string does not go untranslated, that the
committed `django.mo` is compiled from the current `django.po`, and that a user who
switches to English gets the back office in English.

Refresh the catalogue after changing strings (from src/vangnet), translate the new
entries, then compile:

    DJANGO_SETTINGS_MODULE=vangnet.settings PYTHONPATH=../../src VANGNET_DEBUG=true \
      ../../.venv/bin/python -m django makemessages -l en --no-obsolete \
      --ignore 'static/*' --ignore 'demo/*'
    msgfmt --check -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

import vangnet

LC_MESSAGES = Path(vangnet.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|\{\w*\}")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstrs(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]

    @property
    def is_plural(self) -> bool:
        return "msgid_plural" in self.fields


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (header included, obsolete `#~` entries left out).

    A small parser, enough for what makemessages writes: comments and flags, then
    msgctxt / msgid / msgid_plural / msgstr[n], each continued on following "..." lines."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if line.startswith("#"):
            if entry is not None and entry.fields:  # comment after an entry: a new one starts
                entry, key = None, None
            if entry is None:
                entry = Entry(line=number)
                entries.append(entry)
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            key = match.group(1)
            if entry is None or (key in ("msgctxt", "msgid") and "msgid" in entry.fields):
                entry = Entry(line=number)
                entries.append(entry)
            entry.fields[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and entry is not None and key is not None:
            entry.fields[key] += ast.literal_eval(line)
        else:
            raise AssertionError(f"{path}:{number}: cannot read this line: {raw!r}")
    return [entry for entry in entries if entry.fields]


def catalogue_from_po(entries: list[Entry]) -> dict:
    """What gettext would read from a .mo compiled from these entries (header left out)."""
    catalogue = {}
    for entry in entries:
        if not entry.msgid or "fuzzy" in entry.flags:
            continue
        msgid = entry.msgid
        if "msgctxt" in entry.fields:
            msgid = f"{entry.fields['msgctxt']}\x04{msgid}"
        if entry.is_plural:
            for key, value in entry.fields.items():
                if key.startswith("msgstr["):
                    catalogue[(msgid, int(key[7:-1]))] = value
        else:
            catalogue[msgid] = entry.fields["msgstr"]
    return catalogue


def catalogue_from_mo(path: Path) -> dict:
    with path.open("rb") as mo:
        catalogue = dict(gettext.GNUTranslations(mo)._catalog)
    catalogue.pop("", None)  # the header: its dates may differ without consequence
    return catalogue


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


@pytest.fixture(scope="module")
def po_entries():
    assert PO_FILE.exists(), f"{PO_FILE} is missing; run makemessages (see this module)."
    return parse_po(PO_FILE)


# --- The catalogue ----------------------------------------------------------------------


def test_catalogue_covers_the_apps(po_entries):
    """makemessages picked up the Python code and the templates of every app."""
    references = [
        word
        for line in PO_FILE.read_text(encoding="utf-8").splitlines()
        if line.startswith("#:")
        for word in line[2:].split()
    ]
    for folder in ("complaints/", "organisations/", "core/", "backoffice/", "templates/"):
        assert any(word.startswith(folder) for word in references), folder
    assert len(po_entries) > 400


def test_every_string_is_translated(po_entries):
    untranslated = [
        describe(entry)
        for entry in po_entries
        if entry.msgid and not all(msgstr.strip() for msgstr in entry.msgstrs)
    ]
    assert not untranslated, "Untranslated strings in django.po:\n" + "\n".join(untranslated)


def test_no_fuzzy_translations(po_entries):
    fuzzy = [describe(entry) for entry in po_entries if "fuzzy" in entry.flags]
    assert not fuzzy, "Fuzzy entries in django.po; check and unflag them:\n" + "\n".join(fuzzy)


def test_plural_entries_have_both_forms(po_entries):
    incomplete = [
        describe(entry)
        for entry in po_entries
        if entry.is_plural and {"msgstr[0]", "msgstr[1]"} - set(entry.fields)
    ]
    assert not incomplete, "Plural entries without both forms:\n" + "\n".join(incomplete)


def test_translations_keep_the_placeholders(po_entries):
    """A dropped or renamed %(name)s or {value} would break at run time."""
    wrong = []
    for entry in po_entries:
        if not entry.msgid:
            continue
        sources = [entry.msgid, entry.fields.get("msgid_plural", entry.msgid)]
        for index, msgstr in enumerate(entry.msgstrs):
            expected = set(_PLACEHOLDER.findall(sources[min(index, 1)]))
            if msgstr and set(_PLACEHOLDER.findall(msgstr)) != expected:
                wrong.append(f"{describe(entry)} -> {msgstr!r}")
    assert not wrong, "Placeholders differ from the Dutch:\n" + "\n".join(wrong)


def test_compiled_catalogue_is_up_to_date(po_entries, tmp_path):
    """django.mo is committed (production needs no gettext); it must match django.po.

    With GNU gettext installed the .po is compiled afresh (which also checks it);
    without, the parsed .po is compared directly."""
    assert MO_FILE.exists(), f"{MO_FILE} is missing; compile it with msgfmt."
    committed = catalogue_from_mo(MO_FILE)
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        fresh_mo = tmp_path / "django.mo"
        result = subprocess.run(
            [msgfmt, "--check", "-o", str(fresh_mo), str(PO_FILE)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"msgfmt --check failed:\n{result.stderr}"
        expected = catalogue_from_mo(fresh_mo)
    else:
        expected = catalogue_from_po(po_entries)
    stale = sorted(
        str(key)
        for key in expected.keys() | committed.keys()
        if expected.get(key) != committed.get(key)
    )
    assert not stale, (
        "django.mo is older than django.po; recompile it with "
        "`msgfmt --check -o django.mo django.po`. Differences:\n" + "\n".join(stale[:20])
    )


# --- The language switch ----------------------------------------------------------------


@pytest.fixture
def restore_language():
    """The requests below activate a language in this thread; put the previous one back."""
    previous = translation.get_language()
    yield
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()


def test_back_office_is_dutch_by_default(client, users, make_complaint, restore_language):
    make_complaint()
    client.force_login(users.coordinator)
    assert settings.LANGUAGE_CODE == "nl"

    my_work = client.get(reverse("backoffice:my_work")).content.decode()
    assert '<html lang="nl"' in my_work
    assert "Mijn werk" in my_work
    assert "My work" not in my_work

    complaints = client.get(reverse("backoffice:complaint_list")).content.decode()
    assert "Klachten" in complaints
    assert "Complaints" not in complaints


def test_coordinator_switches_to_english(client, users, make_complaint, restore_language):
    make_complaint()
    client.force_login(users.coordinator)

    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": reverse("backoffice:my_work")}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    my_work = client.get(reverse("backoffice:my_work")).content.decode()
    assert '<html lang="en"' in my_work
    for english in ("My work", "Complaints", "Register complaint", "Log out", "Main menu"):
        assert english in my_work, english
    for dutch in ("Mijn werk", "Klachten", "Klacht registreren", "Uitloggen", "Hoofdmenu"):
        assert dutch not in my_work, dutch

    complaints = client.get(reverse("backoffice:complaint_list")).content.decode()
    for english in ("Complaints", "Search and filter complaints", "Reference", "Received"):
        assert english in complaints, english
    for dutch in ("Klachten", "Zoeken", "Kenmerk", "Ontvangen", "Mijn werk"):
        assert dutch not in complaints, dutch


def test_browser_language_does_not_override_dutch(client, users, restore_language):
    """An English browser still gets Dutch until the user picks English."""
    client.force_login(users.coordinator)

    my_work = client.get(reverse("backoffice:my_work"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Mijn werk" in my_work
    assert "My work" not in my_work
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # a forged cookie falls back
    assert "Mijn werk" in client.get(reverse("backoffice:my_work")).content.decode()


def test_language_switch_on_every_page_and_day_first_dates(
    client, users, make_complaint, restore_language
):
    from datetime import date

    complaint = make_complaint(received_on=date(2026, 3, 9))
    client.force_login(users.coordinator)
    page = client.get(reverse("backoffice:my_work")).content.decode()
    assert 'name="language" value="en" lang="en"' in page  # the switch, in its own language
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    detail = client.get(reverse("backoffice:complaint_detail", args=[complaint.pk]))
    html = detail.content.decode()
    assert 'name="language" value="nl" lang="nl"' in html
    assert "9 March 2026" in html  # not "March 9, 2026"
    login_page = client.get(reverse("login"))
    assert login_page.status_code in (200, 302)
