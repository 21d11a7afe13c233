import argparse
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vangnet.core import scheduler


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


class Command(BaseCommand):
    help = (
        "Run the daily jobs now, once (for cron): each job at most once per day, and "
        "nothing on a weekend day or Atw holiday."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=_day, default=None, help="The day to run for (default today)."
        )

    def handle(self, *args, **options):
        day = options["date"] or timezone.localdate()
        if not scheduler.is_run_day(day):
            self.stdout.write(f"{day}: not a working day; nothing to do.")
            return
        results = [(path, *scheduler.run_job(path, day=day)) for path in scheduler.DAILY_JOBS]
        for path, result, count in results:
            self.stdout.write(f"{day} {path}: {result}" + (f" ({count})" if count else ""))
        if any(result == scheduler.Result.FAILED for _path, result, _count in results):
            raise CommandError("A daily job failed; see the log. Run again to retry it.")
