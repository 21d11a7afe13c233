"""`python -m vangnet load_demo`: load the fictional Gemeente Vangstad once.

Safe to run on every start: when a municipality is already configured (the demo or a
real one) it says so and changes nothing. It always ends with the demo logins when the
demo is there, so `make run` shows them on every start."""

from django.core.management.base import BaseCommand, CommandError

from vangnet.demo import generate, organisation


class Command(BaseCommand):
    help = (
        "Laadt demodata (de fictieve Gemeente Vangstad met partners, medewerkers en "
        "klachten). Doet niets als er al een gemeente is ingesteld."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--complaints",
            type=int,
            default=generate.DEFAULT_COMPLAINTS,
            help=f"Aantal klachten en andere berichten (standaard {generate.DEFAULT_COMPLAINTS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=generate.DEFAULT_SEED,
            help="Startwaarde van de toevalsgenerator: dezelfde seed geeft (op dezelfde dag) "
            "dezelfde data.",
        )

    def handle(self, *args, complaints: int, seed: int, **options):
        if complaints < 0:
            raise CommandError("--complaints kan niet negatief zijn.")
        summary = generate.load_demo(complaints=complaints, seed=seed)
        if summary is None:
            if organisation.demo_is_loaded():
                self.stdout.write("Demodata is al geladen.")
                self.stdout.write(generate.login_table())
            else:
                self.stdout.write("Er is al een gemeente ingesteld; demodata wordt niet geladen.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Demodata geladen: {municipality}, {partners} samenwerkingspartners, "
                "{users} medewerkers, {complaints} berichten ({seconds:.1f} s).".format(**summary)
            )
        )
        self.stdout.write(generate.login_table())
