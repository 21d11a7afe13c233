import signal
import threading

from django.core.management.base import BaseCommand

from vangnet.core import scheduler


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
        stop = threading.Event()

        def request_stop(signum, frame):
            stop.set()

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        self.stdout.write("Scheduler running (stop: Ctrl+C).")
        scheduler.run_forever(stop=stop, interval=options["interval"])
