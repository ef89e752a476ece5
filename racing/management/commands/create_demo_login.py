from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from racing.permissions import PRESS_OFFICER


class Command(BaseCommand):
    help = "Create (or reset) the local press-officer login for development."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="press")
        parser.add_argument("--password", default="green-hell-2021")

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a login with a known password outside DEBUG; "
                "use `manage.py createsuperuser` on a real server."
            )
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=PRESS_OFFICER))
        self.stdout.write(
            self.style.SUCCESS(
                f"Press officer login: {username} / {password} "
                "(not a superuser: exactly the press officer's permissions)"
            )
        )
