"""Record how a copy the law requires (Awb 9:9, 9:10) was sent when Vangnet knew no
address for it: closes the open task ("kopie nog niet verstuurd") the step left. Also
on a closed complaint: the copy may go out after the conclusion."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy

from vangnet.complaints import deadlines
from vangnet.complaints.copies import open_tasks
from vangnet.complaints.events import Action, RecordText
from vangnet.complaints.models import OpenTask
from vangnet.core.dates import lazy_long_date
from vangnet.core.forms import text_field

from .. import rules
from ..base import SIDE, ComplaintAction, Context, Done, register
from ..inputs import date_field


def _open(complaint) -> list[OpenTask]:
    """The complaint's open tasks, read once per complaint object (the page asks the
    refusal and the form; the guard asks on its own, freshly locked, object)."""
    if not hasattr(complaint, "_open_copy_tasks"):
        complaint._open_copy_tasks = list(open_tasks(complaint))
    return complaint._open_copy_tasks


class RecordCopyInput(forms.Form):
    task = forms.IntegerField(
        label=gettext_lazy("Welke kopie"),
        required=False,
        error_messages={"invalid": gettext_lazy("Kies een kopie uit de lijst.")},
    )
    how_sent = text_field(
        gettext_lazy("Hoe is de kopie verstuurd?"),
        help_text=gettext_lazy("Bijvoorbeeld: per post naar het adres van de afdeling."),
        rows=2,
    )
    sent_on = date_field(gettext_lazy("Verstuurd op"), today=True)


@register
class RecordCopy(ComplaintAction):
    name = "record_copy"
    label = gettext_lazy("Kopie verstuurd: vastleggen")
    button = gettext_lazy("Vastleggen")
    event = Action.COPY_RECORDED
    when_closed = True
    input = RecordCopyInput
    placement = SIDE
    page_path = "kopie-verstuurd"
    refusal_field = "task"
    help = gettext_lazy(
        "Er was geen e-mailadres bekend voor een kopie die de wet voorschrijft (Awb 9:9, "
        "9:10). Schrijf op hoe die toch is verstuurd."
    )
    done_message = gettext_lazy("Vastgelegd hoe de kopie is verstuurd.")
    api_path = "copies/record"
    api_flag = "record_copy"
    api_summary = "Record how a copy was sent (Awb 9:9, 9:10)"
    api_description = (
        "Closes an open task `copy_not_sent` of the complaint (`open_tasks` in the "
        "complaint): `task` its id, `how_sent` required, `sent_on` not in the future "
        "(default today). Also on a closed complaint; 409 when no task is open."
    )

    def refusal(self, complaint, actor) -> str | None:
        if not _open(complaint):
            return _("Er staat geen kopie open die nog verstuurd moet worden.")
        return None

    def adapt_form(self, form, complaint, records) -> None:
        tasks = _open(complaint)
        form.fields["task"].widget = forms.Select(
            choices=[(task.pk, f"{task.document} — {task.recipient}") for task in tasks]
        )
        if tasks and not form.is_bound:
            form.initial.setdefault("task", tasks[0].pk)

    def apply(self, ctx: Context) -> Done:
        data, errors, complaint = ctx.data, ctx.errors, ctx.complaint
        task = self._task(data.get("task"), complaint, errors)
        how_sent = rules.required_text(
            data, errors, "how_sent", _("Schrijf op hoe de kopie is verstuurd.")
        )
        sent_on = rules.past_date(
            data,
            errors,
            "sent_on",
            not_before=complaint.received_on,
            required=False,
        )
        errors.raise_if_any()
        task.done_at = timezone.now()
        task.done_by = ctx.actor
        task.how_sent = how_sent
        task.sent_on = sent_on or deadlines.today()
        task.save()
        return Done(
            RecordText(
                _lazy("%(document)s aan %(recipient)s verstuurd op %(day)s: %(how)s"),
                document=task.document,
                recipient=task.recipient,
                day=lazy_long_date(task.sent_on),
                how=how_sent,
            ),
            {"open_tasks": (task.document, None)},
            record=task,
        )

    @staticmethod
    def _task(value, complaint, errors) -> OpenTask | None:
        if value in (None, ""):
            errors.add("task", _("Kies welke kopie is verstuurd."))
            return None
        task = OpenTask.objects.select_for_update().filter(pk=value, complaint=complaint).first()
        if task is None:
            errors.add("task", _("Deze kopie hoort niet bij deze klacht."))
        elif task.done_at is not None:
            errors.add("task", _("Van deze kopie is al vastgelegd hoe die is verstuurd."))
            return None
        return task
