from django.core.management.base import BaseCommand

from vangnet.core import scheduler
from vangnet.core.stopping import StopSignal


class Command(BaseCommand):
    help = (
        "Run the daily jobs (reminders to handlers, the coordinator's digest, partner "
        "follow-up) once each working day at the municipality's reminder hour. Keeps "
        "running; stop with Ctrl+C or SIGTERM. Safe to run more than once at a time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=scheduler.TICK_SECONDS,
            help="Seconds between two looks at the clock (default %(default)s).",
        )

    def handle(self, *args, **options):
        # A flag and a self-pipe, no lock: safe whenever the signal comes (core/stopping.py).
        stop = StopSignal()
        stop.install()
        self.stdout.write("Scheduler running (stop: Ctrl+C).")
        scheduler.run_forever(stop=stop, interval=options["interval"])
        # Stopped: a further signal while Python shuts down changes nothing (left to the
        # default action, it would end the process with -SIGTERM instead of 0).
        stop.ignore()
