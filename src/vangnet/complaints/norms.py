"""The Behoorlijkheidswijzer of the Nationale ombudsman: the norms of proper conduct a
judgment names (domain.md, "Judging"). Fixed by the ombudsman, so kept in code: four
families, each norm with a stable code."""

from django.utils.translation import gettext_lazy as _

FAMILIES = [
    (
        _("Open en duidelijk"),
        [
            ("transparent", _("Transparant")),
            ("good_information", _("Goede informatieverstrekking")),
            ("listening", _("Luisteren naar de burger")),
            ("good_reasoning", _("Goede motivering")),
        ],
    ),
    (
        _("Respectvol"),
        [
            ("fundamental_rights", _("Respecteren van grondrechten")),
            ("active_participation", _("Bevorderen van actieve deelname")),
            ("decent_treatment", _("Fatsoenlijke bejegening")),
            ("fair_play", _("Fair play")),
            ("proportionality", _("Evenredigheid")),
            ("special_care", _("Bijzondere zorg")),
        ],
    ),
    (
        _("Betrokken en oplossingsgericht"),
        [
            ("tailored", _("Maatwerk")),
            ("cooperation", _("Samenwerking")),
            ("accommodating", _("Coulance")),
            ("promptness", _("Voortvarendheid")),
            ("de_escalation", _("De-escalatie")),
        ],
    ),
    (
        _("Eerlijk en betrouwbaar"),
        [
            ("integrity", _("Integriteit")),
            ("reliability", _("Betrouwbaarheid")),
            ("impartiality", _("Onpartijdigheid")),
            ("reasonableness", _("Redelijkheid")),
            ("good_preparation", _("Goede voorbereiding")),
            ("good_organisation", _("Goede organisatie")),
            ("professionalism", _("Professionaliteit")),
        ],
    ),
]

#: code -> label
NORMS = {code: label for _family, norms in FAMILIES for code, label in norms}
#: code -> family label
FAMILY_OF = {code: family for family, norms in FAMILIES for code, _label in norms}
#: Grouped choices for a form field.
CHOICES = [(family, list(norms)) for family, norms in FAMILIES]


def labels(codes) -> list[str]:
    """The labels of the given codes, in the Behoorlijkheidswijzer's order."""
    wanted = set(codes)
    return [str(label) for code, label in NORMS.items() if code in wanted]
