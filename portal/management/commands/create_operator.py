import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.core.roles import OPERATORS, group


class Command(BaseCommand):
    help = "Create the first operator account (group Quản trị hệ thống) and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="quantri")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-file",
            type=Path,
            help="Where a generated password is kept so later runs can print it again.",
        )

    def handle(self, *args, username, email, password_file, **options):
        try:
            operators = group(OPERATORS)
        except Group.DoesNotExist:
            raise CommandError(
                _("Run `manage.py setup_portal` first: the operators group does not exist.")
            ) from None
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, email=email, password=password)
            if password_file:
                password_file.parent.mkdir(parents=True, exist_ok=True)
                password_file.write_text(password + "\n", encoding="utf-8")
                password_file.chmod(0o600)
        elif password_file and password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
        else:
            password = _("(unchanged; reset it with `manage.py changepassword %(username)s`)") % {
                "username": username
            }
        user.groups.add(operators)
        self.stdout.write(
            _("Operator account — username: %(username)s  password: %(password)s")
            % {"username": username, "password": password}
        )
