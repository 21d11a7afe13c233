"""`python -m vangnet api_token <username>`: print the user's API token, creating it
when the user has none yet. Use it as `Authorization: Token <key>`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print a user's API token (created when needed)."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user's login name.")
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="Replace the existing token by a new one (the old one stops working).",
        )

    def handle(self, *args, username: str, regenerate: bool = False, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"There is no user with username '{username}'.") from None
        if not user.is_active:
            raise CommandError(
                f"User '{username}' is inactive; activate the account before giving it a token."
            )
        with transaction.atomic():
            if regenerate:
                Token.objects.filter(user=user).delete()
            token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
