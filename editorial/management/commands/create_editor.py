import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from editorial.roles import EDITORS_GROUP

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor: a staff account in the Editors group, who can change all "
        "content in the admin but not user accounts. The password is asked for, or "
        f"read from the {PASSWORD_VARIABLE} environment variable (for scripts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The editor's email address.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"Never prompt: the password must be in {PASSWORD_VARIABLE}.",
        )

    def handle(self, *args, **options):
        user_model = get_user_model()
        username = options["username"].strip()
        username_field = user_model._meta.get_field(user_model.USERNAME_FIELD)
        try:
            username_field.clean(username, None)
        except ValidationError as error:
            raise CommandError(
                f"Invalid username: {' '.join(error.messages)}"
            ) from None
        if user_model._default_manager.filter(
            **{f"{user_model.USERNAME_FIELD}__iexact": username}
        ).exists():
            raise CommandError(
                f"A user named “{username}” already exists: choose another username. "
                "To make an existing user an editor, a superuser adds them to the "
                f"{EDITORS_GROUP} group and ticks “Staff status” in the admin "
                "(Authentication and Authorization › Users)."
            )
        if options["email"]:
            try:
                validate_email(options["email"])
            except ValidationError:
                raise CommandError(
                    f"“{options['email']}” is not a valid email address."
                ) from None
        try:
            group = Group.objects.get(name=EDITORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {EDITORS_GROUP} group does not exist: run "
                "`python manage.py migrate` first."
            ) from None

        user = user_model(
            **{user_model.USERNAME_FIELD: username},
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            is_staff=True,
        )
        user.set_password(self.get_password(user, options["interactive"]))
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor “{username}”. They log in at /admin/ and can "
                "change all content, but not user accounts."
            )
        )

    def get_password(self, user, interactive):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    f"The password in {PASSWORD_VARIABLE} is not accepted: "
                    + " ".join(error.messages)
                ) from None
            return password
        if not interactive or not sys.stdin.isatty():
            raise CommandError(
                f"No password given: set the {PASSWORD_VARIABLE} environment "
                "variable, or run the command in a terminal to be asked for one."
            )
        while True:
            try:
                password = getpass.getpass("Password: ")
                again = getpass.getpass("Password (again): ")
            except KeyboardInterrupt:
                raise CommandError("Cancelled: no editor created.") from None
            if password != again:
                self.stderr.write("The passwords do not match. Try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages) + " Try again.")
                continue
            return password
