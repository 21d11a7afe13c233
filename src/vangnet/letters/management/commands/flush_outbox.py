from django.core.management.base import BaseCommand
from django.utils import timezone

from vangnet.letters import outbox
from vangnet.letters.models import OutboxMessage


class Command(BaseCommand):
    help = (
        "Send every queued e-mail whose next attempt has come, now, in this process. "
        "For operators (after the mail server was down) and for tests. A letter's e-mail "
        "whose PDF is not made yet keeps waiting (see make_letter_pdfs)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Also send queued e-mail whose next attempt is still to come.",
        )

    def handle(self, *args, **options):
        if options["all"]:
            OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED).update(
                next_attempt_at=timezone.now()
            )
        counts = outbox.flush()
        waiting = OutboxMessage.objects.filter(state=OutboxMessage.State.QUEUED).count()
        for_pdf = outbox.waiting_for_pdf().count()
        done = ", ".join(f"{outcome}: {count}" for outcome, count in counts.items() if count)
        self.stdout.write(
            f"{done or 'nothing due'}; still queued: {waiting} "
            f"(of which waiting for their letter's PDF: {for_pdf})"
        )
