"""A handler picks up an open complaint of their own department that has no handler
yet, when the municipality allows it (`Municipality.handlers_may_pick_up`); never one
about themselves (Awb 9:7). The coordinator's way is `assign`."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints.events import Action, RecordText
from vangnet.organisations.models import Municipality

from ..base import SIDE, ComplaintAction, Context, Done, register


@register
class PickUp(ComplaintAction):
    name = "pick_up"
    label = gettext_lazy("Klacht oppakken")
    button = gettext_lazy("Oppakken")
    help = gettext_lazy("U wordt de behandelaar van deze klacht van uw afdeling.")
    event = Action.ASSIGNED
    permission = "complaints.pick_up_complaint"
    forbids_person_complained_about = True
    placement = SIDE
    page_path = "oppakken"
    closed_message = gettext_lazy("Een afgesloten klacht krijgt geen behandelaar meer.")
    api_path = "pick-up"
    api_flag = "pick_up"
    api_summary = "Pick up a complaint of one's own department"
    api_description = (
        "The handler becomes the complaint's handler. Only a handler of the complaint's "
        "department (else 403 or 404), never the person complained about (403, Awb 9:7); "
        "409 when the municipality does not allow it, or the complaint has a handler or is "
        "closed."
    )

    def refusal(self, complaint, actor) -> str | None:
        if not Municipality.current().handlers_may_pick_up:
            return _(
                "Behandelaars kunnen niet zelf klachten oppakken; de klachtcoördinator "
                "wijst de behandelaar aan."
            )
        if complaint.handler_id is not None:
            return _("Deze klacht heeft al een behandelaar: %(name)s.") % {
                "name": complaint.handler
            }
        return None

    def apply(self, ctx: Context) -> Done:
        complaint, actor = ctx.complaint, ctx.actor
        complaint.handler = actor
        complaint.save(update_fields=["handler", "updated_at"])
        return Done(
            RecordText(_lazy("Opgepakt door %(name)s (van de eigen afdeling)."), name=actor),
            {"handler": (None, actor)},
        )

    def message(self, result) -> str:
        return _("U behandelt nu klacht %(ref)s.") % {"ref": result.complaint.reference}
