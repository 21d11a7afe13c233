"""The Klachtenwijzer's search: "Waar gaat uw klacht over?" in everyday words.

Finds themes by name and synonyms (the coordinator's `Theme.synonyms`) and partners by
name, public tasks and description, and every active partner working on a theme that
matched. The data is small (tens of themes and partners), so it is read in three
queries and matched in Python, which lets the matching be forgiving:

- case, accents and punctuation are ignored ("Wmo" = "wmo", "cliënt" = "client");
- common Dutch plurals and spelling changes are undone ("schulden" -> "schuld",
  "bomen" -> "boom", "parkeren" -> "parkeer", "kliko's" -> "kliko", "brieven" -> "brief");
- parts of compound words match ("afval" finds "zwerfafval" and "Afvalbedrijf",
  "vuilniszak" finds the synonym "vuilnis"), a whole word or the start of one counting
  a little more than a word found inside another;
- words such as "de", "mijn" and "klacht" are left out, and one matching word is enough:
  results that match more of the words come first.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Prefetch

from vangnet.organisations.models import Partner, Theme

#: Longest query that is looked at (the rest is ignored).
MAX_QUERY_LENGTH = 100

#: Words that say nothing about the subject (in queries and in the searched texts).
_STOPWORDS_TEXT = """
    de het een en of van voor in op aan met bij naar over door om tot uit als dan dat die
    dit deze er is zijn was waren wordt worden word ben bent heb hebt heeft hebben had
    ik mij me mijn u uw je jij jouw we wij ons onze ze zij hun hen hij zijn haar
    niet geen wel ook nog al maar want dus toch zo te heel erg veel
    wat waar hoe wie wanneer waarom welke
    klacht klachten klagen gemeente organisatie organisaties probleem problemen
    opdracht inwoners inwoner regio
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_VOWELS = "aeiou"
_DOUBLING_VOWELS = "aeou"  # Dutch doubles these in a closed syllable (boom/bomen)
_APOSTROPHES = "'\u2019\u2018`"
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Weights: how strongly a field says "this is what it is about".
WEIGHT_THEME_NAME = 3
WEIGHT_SYNONYM = 2
WEIGHT_PARTNER_NAME = 3
WEIGHT_PUBLIC_TASKS = 2
WEIGHT_DESCRIPTION = 1


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes dropped, everything else not a letter or
    digit made a space."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char))
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    return _NON_WORD.sub(" ", text.casefold()).strip()


def words(text: str) -> list[str]:
    """The meaningful words of `text`, normalised, stop words left out."""
    return [word for word in normalise(text).split() if word not in STOPWORDS and len(word) > 1]


def _undouble(stem: str) -> set[str]:
    """'bakk' -> 'bak' (zakken, bakken), 'bom' -> 'boom' (bomen), 'parker' -> 'parkeer'."""
    out = set()
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        out.add(stem[:-1])
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-2] in _DOUBLING_VOWELS
        and stem[-3] not in _VOWELS
    ):
        out.add(stem[:-1] + stem[-2] + stem[-1])
    return out


def variants(word: str) -> set[str]:
    """The word and the likely forms of its singular, so that plural and singular meet."""
    out = {word}
    if len(word) > 4 and word.endswith("en"):
        stem = word[:-2]
        candidates = {stem, *_undouble(stem)}
        for candidate in list(candidates):
            if candidate.endswith("v"):
                candidates.add(candidate[:-1] + "f")  # brieven -> brief
            elif candidate.endswith("z"):
                candidates.add(candidate[:-1] + "s")  # huizen -> huis
        out |= candidates
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        out.add(word[:-1])  # containers, klikos (kliko's)
    return {variant for variant in out if len(variant) > 1}


def _word_matches(query_forms: set[str], text_forms: set[str]) -> int:
    """2 for the same word or one the start of the other ("afval", "Afvalbedrijf"), 1
    for a word inside another ("zorg" in "thuiszorg"), 0 for no match."""
    best = 0
    for query in query_forms:
        for text in text_forms:
            if query == text:
                return 2
            if len(query) >= 4 and query in text:
                best = max(best, 2 if text.startswith(query) else 1)
            elif len(text) >= 5 and text in query:
                best = max(best, 2 if query.startswith(text) else 1)  # "vuilnis" in "vuilniszak"
    return best


class _Text:
    """A searched text, prepared once: the variants of each of its words."""

    def __init__(self, text: str) -> None:
        self.forms = [variants(word) for word in words(text)]

    def match(self, query_forms: set[str]) -> int:
        """How well the query word matches a word of this text (see `_word_matches`)."""
        return max((_word_matches(query_forms, forms) for forms in self.forms), default=0)


@dataclass
class ThemeHit:
    theme: Theme
    score: int
    matched: int
    partners: list[Partner] = field(default_factory=list)


@dataclass
class PartnerHit:
    partner: Partner
    score: int
    matched: int
    #: The matched themes that led to this partner (empty for a match on its own texts).
    via: list[Theme] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    words: list[str]
    themes: list[ThemeHit]
    partners: list[PartnerHit]

    @property
    def is_empty(self) -> bool:
        return not self.themes and not self.partners

    @property
    def count(self) -> int:
        return len(self.partners) + len(self.themes)


def _score(query_words: list[set[str]], fields: list[tuple[_Text, int]]) -> tuple[int, int]:
    """(weight, number of query words matched) of one item."""
    matched = 0
    total = 0
    for query_forms in query_words:
        # A word found inside another word counts a little less than a whole word.
        best = 0
        for text, weight in fields:
            quality = text.match(query_forms)
            if quality:
                best = max(best, weight if quality == 2 else max(weight - 1, 1))
        if best:
            matched += 1
            total += best
    return total, matched


def active_partners():
    """Active partners with their active themes (and each theme's parent)."""
    return Partner.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "themes",
            queryset=Theme.objects.filter(is_active=True).select_related("parent"),
            to_attr="active_themes",
        )
    )


def search(query: str) -> SearchResult:
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    query_words = words(query)
    if not query_words:
        return SearchResult(query=query, words=[], themes=[], partners=[])
    query_forms = [variants(word) for word in dict.fromkeys(query_words)]

    themes = list(Theme.objects.filter(is_active=True).select_related("parent"))
    partners = list(active_partners())

    theme_hits: dict[int, ThemeHit] = {}
    for theme in themes:
        score, matched = _score(
            query_forms,
            [(_Text(theme.name), WEIGHT_THEME_NAME), (_Text(theme.synonyms), WEIGHT_SYNONYM)],
        )
        if matched:
            theme_hits[theme.pk] = ThemeHit(theme=theme, score=score, matched=matched)

    partner_hits: dict[int, PartnerHit] = {}
    for partner in partners:
        score, matched = _score(
            query_forms,
            [
                (_Text(partner.name), WEIGHT_PARTNER_NAME),
                (_Text(partner.public_tasks), WEIGHT_PUBLIC_TASKS),
                (_Text(partner.description), WEIGHT_DESCRIPTION),
            ],
        )
        via = []
        for theme in partner.active_themes:
            # A partner of a sub-theme also belongs to its main theme.
            for candidate in (theme, theme.parent):
                hit = theme_hits.get(candidate.pk) if candidate is not None else None
                if hit is None:
                    continue
                if partner not in hit.partners:
                    hit.partners.append(partner)
                if hit.theme not in via:
                    via.append(hit.theme)
                if (hit.matched, hit.score) > (matched, score):
                    matched, score = hit.matched, hit.score
        if matched:
            partner_hits[partner.pk] = PartnerHit(
                partner=partner, score=score, matched=matched, via=via
            )

    def rank(hit):
        return (-hit.matched, -hit.score)

    theme_list = sorted(theme_hits.values(), key=lambda hit: (*rank(hit), hit.theme.name))
    partner_list = sorted(partner_hits.values(), key=lambda hit: (*rank(hit), hit.partner.name))
    for hit in theme_list:
        hit.partners.sort(key=lambda partner: partner.name)
    return SearchResult(query=query, words=query_words, themes=theme_list, partners=partner_list)


@dataclass
class Domain:
    """A main theme with the active partners working on it (for the Klachtenwijzer)."""

    theme: Theme | None
    partners: list[Partner]


def partners_by_domain() -> list[Domain]:
    """Every active partner under each main theme it works on (a partner with themes in
    two domains is listed under both); partners without an active theme last."""
    domains: dict[int, Domain] = {}
    without: list[Partner] = []
    for partner in active_partners().order_by("name"):
        mains = []
        for theme in partner.active_themes:
            main = theme.parent if theme.parent_id else theme
            if main.is_active and main not in mains:
                mains.append(main)
        if not mains:
            without.append(partner)
        for main in mains:
            domains.setdefault(main.pk, Domain(theme=main, partners=[])).partners.append(partner)
    result = sorted(domains.values(), key=lambda domain: domain.theme.name)
    if without:
        result.append(Domain(theme=None, partners=without))
    return result
