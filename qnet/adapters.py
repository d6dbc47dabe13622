import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from qnet import services

logger = logging.getLogger("qnet.security")


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations only; allauth's mail goes through the outbox."""

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        # allauth refuses a locked-out account or address here, even with the right
        # password; the security log must show that the lock was hit, not only the failures.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            logger.warning(
                "login refused (too many failed attempts) email=%s ip=%s",
                credentials.get("email") or credentials.get("username", "?"),
                request.META.get("REMOTE_ADDR", "?"),
            )
            raise

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        services.outbox_message_create(
            to=email, subject=message.subject, body_text=message.body, body_html=html
        )
