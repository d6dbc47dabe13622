from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from qnet import selectors, services
from qnet.models import Authority, Invitation, Role


class Command(BaseCommand):
    help = (
        "Create an authority and invite its first authority staff member. The person gets "
        "qnet's invitation mail with the link to choose a password; TOTP is then set up at "
        "the first sign-in, as for all authority staff. Refuses when the authority or an "
        "open invitation of the person exists, unless told otherwise. Example: "
        'manage.py create_authority --name "City of Example" --country DE '
        '--email anna@example.org --full-name "Anna Amtmann" --language de'
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The authority's name (unique).")
        parser.add_argument(
            "--country",
            required=True,
            type=str.upper,
            choices=[code for code, _label in Authority._meta.get_field("country").choices],
            help="The authority's country.",
        )
        parser.add_argument("--email", required=True, help="The first staff member's address.")
        parser.add_argument(
            "--full-name", required=True, help="The first staff member's full name."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the mail and of the new account (default: the country's).",
        )
        parser.add_argument(
            "--existing-authority",
            action="store_true",
            help="If the authority exists already, invite into it instead of refusing.",
        )
        parser.add_argument(
            "--reinvite",
            action="store_true",
            help="If the person has an open invitation, send a new one (the old link stops "
            "working) instead of refusing.",
        )

    # The services' messages in English, whatever language a caller left active.
    @no_translations
    def handle(self, *args, **options):
        name = options["name"].strip()
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"“{email}” is not an email address.") from None
        if len(options["full_name"]) > Invitation._meta.get_field("full_name").max_length:
            raise CommandError("The full name is too long.")
        try:
            with transaction.atomic():
                authority = Authority.objects.filter(name__iexact=name).first()
                if authority is not None and not options["existing_authority"]:
                    raise CommandError(
                        f"An authority named “{authority.name}” exists already (id "
                        f"{authority.pk}). Nothing was changed. Add --existing-authority to "
                        "invite into it."
                    )
                created = authority is None
                if created:
                    authority = services.authority_create(
                        actor=None, name=name, country=options["country"]
                    )
                open_invitation = (
                    selectors.open_invitations_for(authority)
                    .filter(email__iexact=email, role=Role.AUTHORITY_STAFF)
                    .first()
                )
                if open_invitation is not None and not options["reinvite"]:
                    raise CommandError(
                        f"{email} has an open invitation to {authority} until "
                        f"{_local(open_invitation.expires_at)}. Nothing was changed. Add "
                        "--reinvite to send a new link (the old one stops working)."
                    )
                language = options["language"] or authority.default_language
                invitation, _token = services.invitation_create(
                    invited_by=None,
                    email=email,
                    role=Role.AUTHORITY_STAFF,
                    scope=authority,
                    language=language,
                    full_name=options["full_name"],
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was changed.") from None
        if created:
            self.stdout.write(f"Created the authority “{authority}” ({authority.country}).")
        else:
            self.stdout.write(f"Using the existing authority “{authority}”.")
        if open_invitation is not None:
            self.stdout.write(f"The earlier invitation of {email} was revoked.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Invited {invitation.full_name} <{email}> as authority staff: the mail "
                f"(language: {language}) is in the outbox. The link works until "
                f"{_local(invitation.expires_at)}."
            )
        )
        self.stdout.write(
            "After choosing a password the person sets up TOTP, as all authority staff do, "
            "and can then invite colleagues, schools' leaders and coordinators."
        )


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}"
