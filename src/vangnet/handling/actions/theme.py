"""Change the theme of an open complaint."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText

from ..base import SIDE, ComplaintAction, Context, Done, register
from ..inputs import ThemeChoiceField


class ThemeInput(forms.Form):
    theme = ThemeChoiceField(label=gettext_lazy("Thema"))


@register
class ChangeTheme(ComplaintAction):
    name = "theme"
    label = gettext_lazy("Thema wijzigen")
    button = gettext_lazy("Thema opslaan")
    event = Action.THEME_CHANGED
    permission = "complaints.change_theme"
    input = ThemeInput
    placement = SIDE
    page_path = "thema"
    refusal_field = "theme"
    api_component = "ThemeChange"
    api_path = "theme"
    api_flag = "theme"
    api_operation = "complaints_change_theme"
    api_summary = "Change the theme"
    api_description = "Of an open complaint (409 when it is closed)."

    def initial(self, complaint, records) -> dict:
        return {"theme": complaint.theme_id}

    def apply(self, ctx: Context) -> Done:
        complaint, theme = ctx.complaint, ctx.data.get("theme")
        if theme is None:
            ctx.errors.add("theme", _("Kies een thema."))
        elif not theme.is_active:
            ctx.errors.add("theme", _("Dit thema wordt niet meer gebruikt; kies een ander."))
        ctx.errors.raise_if_any()
        if complaint.theme_id == theme.pk:
            return Done(log=False)
        before = complaint.theme
        complaint.theme = theme
        complaint.save(update_fields=["theme", "updated_at"])
        return Done(
            RecordText(_lazy("Thema gewijzigd in %(theme)s."), theme=theme),
            {"theme": (before, theme)},
        )

    def message(self, result) -> str:
        return _("Het thema is nu %(theme)s.") % {"theme": result.complaint.theme}
