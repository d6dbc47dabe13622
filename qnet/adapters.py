import logging

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from django.core.exceptions import PermissionDenied, ValidationError

from qnet import services

logger = logging.getLogger("qnet.security")


def client_ip(request) -> str:
    """The client's address as allauth's rate limits count it: behind the proxies of
    ALLAUTH_TRUSTED_PROXY_COUNT the right-most X-Forwarded-For entry they added, not the
    proxy's own REMOTE_ADDR. "?" when there is none to tell."""
    if request is None:
        return "?"
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "?"


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
                client_ip(request),
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
