"""Letters and e-mail an action sends, in the action's transaction: nothing leaves when
it rolls back (the outbox delivers after the commit)."""

from django.template.loader import render_to_string

from vangnet.letters import outbox
from vangnet.letters import services as letters
from vangnet.letters.rendering import html_to_text
from vangnet.organisations.models import Municipality

from . import signoff
from .base import Context


def letter(kind: str, ctx: Context, context: dict | None = None, *, copy: bool = False):
    """Send the letter `kind` about the action's complaint (see `letters.services`);
    `copy`: also to the person complained about. A letter that needs sign-off is held
    instead (None returned; the guard makes it a draft, `signoff`); the approved draft
    is sent naming its signatory."""
    context = dict(context or {})
    if signoff.holds(ctx, kind):
        signoff.hold(ctx, kind, context)
        return None
    draft = signoff.approved(ctx, kind, context)
    if draft is not None:
        context["signatory"] = signoff.signatory(draft.signed_by)
    return letters.send_letter(
        kind=kind,
        complaint=ctx.complaint,
        actor=ctx.actor,
        context=context,
        copy_to_person_complained_about=copy,
        prepared=draft,
    )


def email(*, to: str, subject: str, template: str, context: dict, complaint) -> None:
    """Render `template` (call inside `core.i18n.register_language()`) to an HTML
    e-mail with its plain-text version, and queue it in the outbox."""
    html = render_to_string(
        template, {"subject": subject, "municipality": Municipality.current(), **context}
    )
    outbox.queue(to=to, subject=subject, text=html_to_text(html), html=html, complaint=complaint)
