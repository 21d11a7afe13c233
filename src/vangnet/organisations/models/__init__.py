"""The municipality, its bodies and departments, the partners that carry out public
tasks for it, the ombudsmen, the second-line arrangement of each body, and the theme
taxonomy. Everything here is configuration: nothing about one municipality is in code.

One module per concept; import from here (`from vangnet.organisations.models import X`):

- `municipality`: the municipality, its policy terms and house style, inhabitant counts;
- `bodies`: the bestuursorganen and their second-line arrangements over time;
- `partners`: departments, themes and the partners carrying out public tasks;
- `ombudsmen`: the ombudsmen and the cost models and terms of a second line;
- `signing`: which letters need sign-off, and the function a signer signs with.
"""

from .bodies import Body, SecondLineArrangement
from .municipality import (
    LOGO_MAX_BYTES,
    LOGO_TYPES,
    InhabitantCount,
    Municipality,
    colour_validator,
    logo_content_type,
    validate_logo,
)
from .ombudsmen import CostModel, CostTerms, Ombudsman
from .partners import Department, Partner, Theme
from .signing import SIGNOFF_CHOICES, SIGNOFF_KINDS, Signatory

__all__ = [
    "LOGO_MAX_BYTES",
    "LOGO_TYPES",
    "Body",
    "CostModel",
    "CostTerms",
    "Department",
    "InhabitantCount",
    "Municipality",
    "Ombudsman",
    "Partner",
    "SecondLineArrangement",
    "SIGNOFF_CHOICES",
    "SIGNOFF_KINDS",
    "Signatory",
    "Theme",
    "colour_validator",
    "logo_content_type",
    "validate_logo",
]
