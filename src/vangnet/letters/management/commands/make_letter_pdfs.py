from django.core.management.base import BaseCommand

from vangnet.letters import pdfs


class Command(BaseCommand):
    help = (
        "Make the PDF of every letter that has none yet (still to be made, or failed "
        "before), now, in this process, and release the e-mail waiting for it. Safe to "
        "run while the task worker runs: a letter gets one PDF."
    )

    def handle(self, *args, **options):
        counts = pdfs.make_pending()
        done = ", ".join(f"{outcome}: {count}" for outcome, count in counts.items() if count)
        still = pdfs.pending().count()
        self.stdout.write(f"{done or 'no letter without PDF'}; still without PDF: {still}")
        if counts[pdfs.FAILED]:
            self.stderr.write("Some PDFs could not be made; see the letters' pdf_error.")
