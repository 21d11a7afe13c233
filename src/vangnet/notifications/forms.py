"""The preferences form: per kind of notification, how it reaches the user."""

from django import forms
from django.utils.translation import gettext_lazy

from vangnet.core.forms import style_form

from .models import Delivery, Kind

CHOOSE = gettext_lazy(
    "Kies hoe u deze melding wilt krijgen: meteen per e-mail, in de dagelijkse "
    "samenvatting of alleen in Vangnet."
)


class PreferencesForm(forms.Form):
    """One choice per kind (`Kind`), named after the kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
            )
        style_form(self)
