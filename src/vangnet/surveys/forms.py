"""The two questions. The form checks the shape of the answer; `services.submit_response`
checks it again and stores it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import StyledForm

from .models import COMMENT_MAX, Satisfaction


class SurveyForm(StyledForm):
    satisfaction = forms.TypedChoiceField(
        label=_("Hoe tevreden bent u over hoe wij uw klacht hebben behandeld?"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe tevreden u bent."),
            "invalid_choice": _("Kies hoe tevreden u bent."),
        },
    )
    comment = forms.CharField(
        label=_("Wat kunnen wij beter doen? (niet verplicht)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hoogstens 2.000 tekens."),
        error_messages={
            "max_length": _(
                "Uw tekst is %(show_value)s tekens. Dat mag hoogstens %(limit_value)s zijn."
            )
        },
    )
