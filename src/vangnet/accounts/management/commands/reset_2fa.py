"""`python -m vangnet reset_2fa <username>`: remove a user's authenticator apps (TOTP
devices), for instance when the phone is lost. At the next login the user sets up an app
again (or, when two-step verification is not required, logs in with the password only)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's TOTP devices (two-step verification) so they can set it up again."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user's login name.")

    def handle(self, *args, username: str, **options):
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"There is no user with username '{username}'.") from None
        removed, _per_model = TOTPDevice.objects.devices_for_user(user).delete()
        if not removed:
            self.stdout.write(f"User '{username}' has no TOTP devices; nothing removed.")
            return
        self.stdout.write(
            f"Removed {removed} TOTP device(s) of '{username}'. Their sessions are no longer "
            "verified; when two-step verification is required they set up an authenticator "
            "app again on their next visit."
        )
