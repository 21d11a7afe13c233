"""The texts of a letter that the administrator may edit, and the small template
language they are written in.

A letter is three parts (see `services.py`): the shared frame (`letters/base.html`:
letterhead, address, date, reference, greeting, sign-off), the fixed blocks of its kind
(`letters/<kind>.html`: what the Awb requires, kept in code so that no edit can drop
it), and three texts per kind that the administrator edits in the admin
(`LetterTemplate`): the subject, the opening (before the fixed blocks) and the closing
(after them). The defaults below are used for a kind that has no row.

The texts are Django template syntax, run by a restricted engine:

- only the tags in `ALLOWED_TAGS` (`if`/`elif`/`else`, `firstof`, `comment`) and the
  filters in `ALLOWED_FILTERS`; no `{% load %}`, `{% include %}`, `{% extends %}`,
  `{% debug %}`, `{% autoescape %}`, no `|safe`, and no template files at all;
- only the variables of the kind (`variables_of(kind)`): flat names in Dutch
  (`{{ naam }}`, `{{ kenmerk }}`, `{{ datum_ontvangst }}`), each a plain string with
  dates written out ("maandag 30 november 2026"); no dots, so no way into the models;
- everything is escaped: the administrator writes plain text, not HTML. A blank line
  starts a new paragraph, a single line break stays a line break.

`check(kind, source)` gives the Dutch messages for a text that breaks these rules
(`LetterTemplate.clean` shows them next to the field, and nothing is saved);
`render_text` and `render_subject` run a text that passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.template import Context, Library, TemplateSyntaxError, defaultfilters, defaulttags
from django.template.base import Lexer, Node, NodeList, TextNode, TokenType, Variable, VariableNode
from django.template.engine import Engine
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

#: Tags an editable text may use (the end tags included).
ALLOWED_TAGS = ("if", "elif", "else", "endif", "firstof", "comment", "endcomment")
#: Filters an editable text may use. Nothing that turns escaping off (safe, safeseq).
ALLOWED_FILTERS = (
    "capfirst",
    "default",
    "default_if_none",
    "lower",
    "upper",
    "title",
    "yesno",
    "pluralize",
    "length",
    "truncatewords",
)

# The restricted engine's only library: the allowed tags and filters, taken from
# Django's own. Found by the engine as the `builtins` module path of this module.
register = Library()
for _name in ("if", "firstof", "comment"):
    register.tag(_name, defaulttags.register.tags[_name])
for _name in ALLOWED_FILTERS:
    register.filter(_name, defaultfilters.register.filters[_name])


class _RestrictedEngine(Engine):
    default_builtins: list[str] = []


@cache
def engine() -> Engine:
    """No loaders (no template files), no libraries to load, autoescape on."""
    return _RestrictedEngine(
        loaders=[], libraries={}, builtins=[__name__], autoescape=True, debug=False
    )


# --- The variables per kind ----------------------------------------------------------


@dataclass(frozen=True)
class TextVariable:
    name: str
    description: str  # Dutch, shown in the admin


COMMON_VARIABLES = (
    TextVariable("naam", _lazy("Naam van wie de brief krijgt (de indiener of de gemachtigde)")),
    TextVariable("kenmerk", _lazy("Kenmerk van de klacht, bijvoorbeeld 2026-00042")),
    TextVariable("datum_ontvangst", _lazy("Datum waarop de klacht binnenkwam, voluit")),
    TextVariable("datum_brief", _lazy("Datum van deze brief, voluit")),
    TextVariable("gemeente", _lazy("Naam van de gemeente")),
    TextVariable("bestuursorgaan", _lazy("Bestuursorgaan waar de klacht over gaat")),
    TextVariable("behandelaar", _lazy("Naam van de klachtbehandelaar (leeg als er nog geen is)")),
)

KIND_VARIABLES: dict[str, tuple[TextVariable, ...]] = {
    "acknowledgement": (
        # Empty once the date is no longer after the letter's date (never promise a
        # passed date: `services.acknowledgement_promises`).
        TextVariable("uiterlijk_contact", _lazy("Uiterste datum voor het eerste contact")),
        TextVariable("uiterlijk_antwoord", _lazy("Uiterste datum voor ons antwoord")),
    ),
    "informal_confirmation": (
        TextVariable("datum_contact", _lazy("Datum van het gesprek met de indiener")),
        TextVariable("afspraak", _lazy("Waarmee de indiener instemde")),
    ),
    "extension": (
        TextVariable("oude_termijn", _lazy("Datum waarop het antwoord eerst zou komen")),
        TextVariable("nieuwe_termijn", _lazy("Nieuwe uiterste datum voor ons antwoord")),
        TextVariable("reden", _lazy("Reden voor het uitstel")),
    ),
    "hearing_invitation": (
        TextVariable(
            "beklaagde",
            _lazy(
                "Over wie de klacht gaat: ‘de medewerker over wie uw klacht gaat’, of de "
                "naam van de afdeling, de partner of de gemeente"
            ),
        ),
        TextVariable("moment_horen", _lazy("Datum en tijd van het gesprek (leeg: nog te plannen)")),
        TextVariable("plaats_horen", _lazy("Waar het gesprek is")),
        TextVariable(
            "reageren_voor", _lazy("Uiterste datum om te laten weten of de indiener komt")
        ),
    ),
    "hearing_record": (
        TextVariable("datum_horen", _lazy("Datum van het gesprek")),
        TextVariable("aanwezigen", _lazy("Wie er bij het gesprek waren")),
    ),
    "decline": (
        TextVariable(
            "grond", _lazy("Reden uit de wet (Awb 9:8) waarom wij de klacht niet behandelen")
        ),
        TextVariable("toelichting", _lazy("Uitleg van de behandelaar")),
    ),
    "forward_notice": (
        TextVariable("doorgestuurd_naar", _lazy("Naar wie de klacht is doorgestuurd")),
        TextVariable("contact_doorgestuurd", _lazy("Contactgegevens van die organisatie")),
        TextVariable("toelichting", _lazy("Uitleg van de behandelaar")),
    ),
    "conclusion": (
        TextVariable("datum_besluit", _lazy("Datum van het besluit")),
        TextVariable("oordeel", _lazy("Het oordeel over de hele klacht, bijvoorbeeld Gegrond")),
        TextVariable("ombudsman", _lazy("Naam van de ombudsman (tweede lijn)")),
    ),
}


def variables_of(kind: str) -> tuple[TextVariable, ...]:
    """The variables an editable text of this kind may use, in the order shown."""
    return COMMON_VARIABLES + KIND_VARIABLES[kind]


# --- The default texts (Dutch, B1) ---------------------------------------------------


@dataclass(frozen=True)
class Texts:
    subject: str
    opening: str
    closing: str


DEFAULTS: dict[str, tuple] = {
    "acknowledgement": (
        _lazy("Wij hebben uw klacht ontvangen (kenmerk {{ kenmerk }})"),
        _lazy(
            "Op {{ datum_ontvangst }} hebben wij uw klacht ontvangen. Dank u wel dat u dit "
            "aan ons laat weten. In deze brief leest u wat er nu gebeurt."
        ),
        _lazy("Wij doen ons best om samen met u een goede oplossing te vinden."),
    ),
    "informal_confirmation": (
        _lazy("Uw klacht is opgelost (kenmerk {{ kenmerk }})"),
        _lazy(
            "Op {{ datum_contact }} hebben wij met u over uw klacht gesproken. Dank u wel "
            "voor dat gesprek. In deze brief zetten wij op een rij wat wij samen hebben "
            "afgesproken."
        ),
        _lazy("Fijn dat wij uw klacht samen met u hebben kunnen oplossen."),
    ),
    "extension": (
        _lazy("Wij hebben meer tijd nodig voor uw klacht (kenmerk {{ kenmerk }})"),
        _lazy(
            "Wij willen uw klacht zorgvuldig behandelen. Daarvoor hebben wij meer tijd nodig "
            "dan wij dachten. Het spijt ons dat u daardoor langer op ons antwoord moet wachten."
        ),
        "",
    ),
    "hearing_invitation": (
        _lazy("Uitnodiging voor een gesprek over uw klacht (kenmerk {{ kenmerk }})"),
        _lazy(
            "Wij willen graag met u praten over uw klacht. Zo horen wij uw verhaal. U hoort "
            "ook wat {{ beklaagde }} ervan vindt, en u kunt daarop reageren. "
            "Dit gesprek heet ‘horen’."
        ),
        _lazy(
            "U mag iemand meenemen naar het gesprek, bijvoorbeeld een familielid of een "
            "vertrouwenspersoon. Laat ons wel even weten wie er meekomt."
        ),
    ),
    "hearing_record": (
        _lazy("Verslag van het gesprek over uw klacht (kenmerk {{ kenmerk }})"),
        _lazy(
            "Dank u wel voor het gesprek over uw klacht op {{ datum_horen }}. In deze brief "
            "leest u het verslag van dat gesprek."
        ),
        _lazy("Klopt er iets niet in het verslag? Laat het ons dan zo snel mogelijk weten."),
    ),
    "decline": (
        _lazy("Wij nemen uw klacht niet in behandeling (kenmerk {{ kenmerk }})"),
        _lazy(
            "Wij hebben uw klacht goed gelezen. Wij gaan uw klacht toch niet behandelen. "
            "In deze brief leggen wij uit waarom, en wat u nu nog kunt doen."
        ),
        "",
    ),
    "forward_notice": (
        _lazy("Wij hebben uw klacht doorgestuurd (kenmerk {{ kenmerk }})"),
        _lazy(
            "Dank u wel voor uw klacht. Wij hebben gekeken wie uw klacht het beste kan behandelen."
        ),
        "",
    ),
    "conclusion": (
        _lazy("Ons antwoord op uw klacht (kenmerk {{ kenmerk }})"),
        _lazy(
            "Op {{ datum_ontvangst }} heeft u een klacht bij ons ingediend. Wij hebben uw "
            "klacht onderzocht. In deze brief leest u wat wij hebben gevonden, wat wij ervan "
            "vinden en wat wij gaan doen."
        ),
        _lazy(
            "Dank u wel dat u de moeite heeft genomen om uw klacht aan ons te laten weten. "
            "Zo kunnen wij leren en ons werk beter doen."
        ),
    ),
}


#: What each kind always contains, whatever the texts say (shown in the admin).
FIXED_BLOCKS: dict[str, tuple] = {
    "acknowledgement": (
        _lazy("Het kenmerk en wat de indiener schreef"),
        _lazy("Wat er nu gebeurt, met de datum van het eerste contact en van ons antwoord"),
        _lazy("De klachtadviescommissie, als die advies geeft (Awb 9:13)"),
        _lazy("De link naar de statuspagina"),
        _lazy("De ombudsman (tweede lijn) met adres en termijn"),
    ),
    "informal_confirmation": (
        _lazy("Wat met de indiener is afgesproken"),
        _lazy("Dat de behandeling daarmee stopt (Awb 9:5), en dat de indiener kan reageren"),
    ),
    "extension": (_lazy("De oude en de nieuwe uiterste datum, en de reden (Awb 9:11)"),),
    "hearing_invitation": (
        _lazy("Datum, tijd en plaats, of dat wij bellen om een moment te kiezen"),
        _lazy("Wie er bij het gesprek zijn, en de datum om te reageren (Awb 9:10)"),
    ),
    "hearing_record": (
        _lazy("Datum, aanwezigen en het verslag van het gesprek (Awb 9:10)"),
        _lazy("Wanneer ons antwoord komt"),
    ),
    "decline": (
        _lazy("De reden uit de wet en de uitleg (Awb 9:8)"),
        _lazy("De ombudsman (tweede lijn) met adres en termijn"),
    ),
    "forward_notice": (
        _lazy("Naar wie de klacht is gestuurd, wie verantwoordelijk blijft (Awb 2:3), contact"),
    ),
    "conclusion": (
        _lazy("De bevindingen, het oordeel per klachtonderdeel met de normen, de conclusies"),
        _lazy("De maatregelen, en het advies van de commissie met de redenen om af te wijken"),
        _lazy("De ombudsman (tweede lijn) met adres en de termijn van een jaar (Awb 9:12)"),
    ),
}


def default_texts(kind: str) -> Texts:
    """The texts in code for a kind, in the active language."""
    subject, opening, closing = DEFAULTS[kind]
    return Texts(subject=str(subject), opening=str(opening), closing=str(closing))


# --- Checking a text -----------------------------------------------------------------

_LINE = re.compile(r"line (\d+)")
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}")


def check(kind: str, source: str) -> list[str]:
    """What is wrong with an editable text of this kind, as Dutch messages (empty: it
    may be saved). Refuses tags, filters and variables outside the allowed lists."""
    errors = _token_errors(source)
    if errors:
        return errors
    try:
        template = engine().from_string(source)
    except TemplateSyntaxError as error:
        return [_syntax_message(error)]
    checker = _NodeChecker([variable.name for variable in variables_of(kind)])
    for node in _walk(template.nodelist):
        checker.check_node(node, _lineno(node, source))
    return list(dict.fromkeys(checker.errors))


def _token_errors(source: str) -> list[str]:
    """Before compiling: stray braces in the text, and tags outside `ALLOWED_TAGS`."""
    errors: list[str] = []
    for token in Lexer(source).tokenize():
        stray = _STRAY.search(token.contents) if token.token_type == TokenType.TEXT else None
        if stray:
            line = token.lineno + token.contents[: stray.start()].count("\n")
            errors.append(
                _(
                    "Regel %(line)s: hier staat een {{, }}, {%% of %%} die niet klopt. Schrijf "
                    "een variabele zo: {{ naam }}."
                )
                % {"line": line}
            )
        if token.token_type == TokenType.BLOCK:
            bits = token.split_contents()
            tag = bits[0] if bits else ""
            if tag not in ALLOWED_TAGS:
                errors.append(
                    _(
                        "Regel %(line)s: {%% %(tag)s %%} kunt u hier niet gebruiken. Wel "
                        "mogelijk zijn {%% if %%}, {%% elif %%}, {%% else %%}, {%% endif %%}, "
                        "{%% firstof %%} en {%% comment %%}."
                    )
                    % {"line": token.lineno, "tag": tag}
                )
    return errors


class _NodeChecker:
    """The compiled text's variables, filters and conditions, node by node: only the
    kind's own variables (`allowed`), without dots, and only `ALLOWED_FILTERS`."""

    def __init__(self, allowed: list[str]):
        self.allowed = allowed
        self.names = ", ".join(allowed)
        self.errors: list[str] = []

    def check_node(self, node: Node, lineno: int) -> None:
        if isinstance(node, VariableNode):
            self.check_expression(node.filter_expression, lineno)
        elif isinstance(node, defaulttags.IfNode):
            for condition, _nodelist in node.conditions_nodelists:
                self.check_condition(condition, lineno)
        elif isinstance(node, defaulttags.FirstOfNode):
            if node.asvar:
                self.errors.append(
                    _("Regel %(line)s: {%% firstof … as … %%} kan niet.") % {"line": lineno}
                )
            for expression in node.vars:
                self.check_expression(expression, lineno)

    def check_expression(self, expression, lineno: int) -> None:
        for func, args in expression.filters:
            name = getattr(func, "_filter_name", func.__name__)
            if name not in ALLOWED_FILTERS:  # not reachable: unknown filters fail to compile
                self.errors.append(
                    _("Het filter |%(name)s kunt u hier niet gebruiken.") % {"name": name}
                )
            for is_lookup, arg in args:
                if is_lookup:
                    self.check_variable(arg, lineno)
        if isinstance(expression.var, Variable):
            self.check_variable(expression.var, lineno)

    def check_variable(self, variable: Variable, lineno: int) -> None:
        if variable.lookups is None:  # a literal: "tekst" or 3
            return
        name = ".".join(variable.lookups)
        if len(variable.lookups) > 1:
            self.errors.append(
                _(
                    "Regel %(line)s: {{ %(name)s }} kan niet. Gebruik een variabele zonder "
                    "punt. U kunt deze variabelen gebruiken: %(names)s."
                )
                % {"line": lineno, "name": name, "names": self.names}
            )
        elif name not in self.allowed:
            self.errors.append(
                _(
                    "Regel %(line)s: de variabele {{ %(name)s }} bestaat niet in deze brief. "
                    "U kunt deze variabelen gebruiken: %(names)s."
                )
                % {"line": lineno, "name": name, "names": self.names}
            )

    def check_condition(self, condition, lineno: int) -> None:
        if condition is None:
            return
        value = getattr(condition, "value", None)
        if value is not None and hasattr(value, "filters"):
            self.check_expression(value, lineno)
        for side in ("first", "second"):
            part = getattr(condition, side, None)
            if part is not None:
                self.check_condition(part, lineno)


def _walk(nodelist):
    for node in nodelist:
        yield node
        if isinstance(node, defaulttags.IfNode):
            for _condition, child in node.conditions_nodelists:
                yield from _walk(child)
        for attr in node.child_nodelists:
            child = getattr(node, attr, None)
            if isinstance(child, NodeList):
                yield from _walk(child)


def _lineno(node: Node, source: str) -> int:
    token = getattr(node, "token", None)
    if token is not None and getattr(token, "lineno", None):
        return token.lineno
    return 1


def _syntax_message(error: TemplateSyntaxError) -> str:
    token = getattr(error, "token", None)
    line = getattr(token, "lineno", None)
    text = str(error)
    if line is None:
        match = _LINE.search(text)
        line = int(match.group(1)) if match else 1
    unclosed = re.match(r"Unclosed tag on line \d+: '(\w+)'", text)
    if unclosed:
        return _("Regel %(line)s: bij {%% %(tag)s %%} ontbreekt het einde, {%% end%(tag)s %%}.") % {
            "line": line,
            "tag": unclosed.group(1),
        }
    bad_filter = re.match(r"Invalid filter: '(\w+)'", text)
    if bad_filter:
        return _(
            "Regel %(line)s: het filter |%(name)s kunt u hier niet gebruiken. Wel mogelijk "
            "zijn: %(filters)s."
        ) % {"line": line, "name": bad_filter.group(1), "filters": ", ".join(ALLOWED_FILTERS)}
    return _(
        "Regel %(line)s: deze tekst kan niet worden gemaakt. Kijk na of elke {{ een }} heeft "
        "en elke {%% een %%}. (Technische melding: %(detail)s)"
    ) % {"line": line, "detail": text}


# --- Rendering -----------------------------------------------------------------------


def _compile(source: str):
    """The text as a template whose literal text is escaped too: the administrator
    writes plain text, so a `<` in the text shows as a `<` in the letter."""
    template = engine().from_string(source)
    for node in _walk(template.nodelist):
        if isinstance(node, TextNode):
            node.s = escape(node.s)
        elif isinstance(node, VariableNode):
            _escape_literals(node.filter_expression)
        elif isinstance(node, defaulttags.FirstOfNode):
            for expression in node.vars:
                _escape_literals(expression)
    return template


def _escape_literals(expression) -> None:
    """Django marks a quoted string in a template safe; here it is plain text too, so
    `{{ naam|default:"<b>" }}` shows the brackets instead of making markup."""
    if isinstance(expression.var, str):
        expression.var = escape(expression.var)
    # Of the allowed filters only these give their quoted argument back as it is (the
    # others split it into plain strings, which are escaped on output).
    returns_argument = {"default", "default_if_none"}
    expression.filters = [
        (
            func,
            [
                (is_lookup, escape(arg) if not is_lookup and name in returns_argument else arg)
                for is_lookup, arg in args
            ],
        )
        for func, args in expression.filters
        for name in [getattr(func, "_filter_name", "")]
    ]


def render_text(source: str, variables: dict[str, str]) -> SafeString:
    """An opening or closing text as HTML paragraphs (blank line: new paragraph)."""
    if not source.strip():
        return mark_safe("")
    html = _compile(source).render(Context(variables, autoescape=True))
    return mark_safe(linebreaks(html.strip(), autoescape=False))


def render_subject(source: str, variables: dict[str, str]) -> str:
    """The subject as one line of plain text (at most 255 characters)."""
    text = engine().from_string(source).render(Context(variables, autoescape=False))
    return " ".join(text.split())[:255]
