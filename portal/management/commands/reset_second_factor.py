from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.core.audit import account_named, record


class Command(BaseCommand):
    help = "Remove a user's second factor (a lost phone); they set up a new one at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, username, reason, **options):
        user = account_named(username)
        if user is None:
            raise CommandError(_("No account is named %s.") % username)
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        record("portal.second_factor_reset", user, data={"reason": reason, "devices": removed})
        self.stdout.write(_("Second factor removed for %s.") % username)
