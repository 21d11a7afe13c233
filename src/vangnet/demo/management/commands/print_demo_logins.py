"""`python -m vangnet print_demo_logins`: the demo logins and the address to open."""

from django.core.management.base import BaseCommand

from vangnet.demo import generate


class Command(BaseCommand):
    help = "Toont de inloggegevens van de demogebruikers."

    def add_arguments(self, parser):
        parser.add_argument("--port", help="Poort van de webserver (standaard $PORT of 8000).")

    def handle(self, *args, port=None, **options):
        self.stdout.write(generate.login_table(port=port))
