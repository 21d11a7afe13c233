"""Template helpers of the resident site."""

import re

from django import template

register = template.Library()


@register.filter
def tel_href(number) -> str:
    """'0123-11 22 33' -> 'tel:0123112233'; '+31 6 1234' -> 'tel:+3161234'."""
    value = str(number or "").strip()
    digits = re.sub(r"\D", "", value)
    if not digits:
        return ""
    return "tel:" + ("+" if value.startswith("+") else "") + digits
