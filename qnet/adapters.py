import logging

from allauth.account.adapter import DefaultAccountAdapter

from qnet import services

logger = logging.getLogger("qnet.security")


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts come from invitations only; allauth's mail goes through the outbox."""

    def is_open_for_signup(self, request):
        return False

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
