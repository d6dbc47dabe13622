import logging
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from qnet import services
from qnet.models import User

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


def mail_site() -> SimpleNamespace:
    """What allauth's mails call the site: qnet, at the configured address."""
    return SimpleNamespace(name="qnet", domain=urlsplit(settings.SITE_URL).netloc)


def recipient_language(email: str) -> str:
    preferred = (
        User.objects.filter(email__iexact=email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return preferred or translation.get_language() or settings.LANGUAGE_CODE


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

    def login(self, request, user):
        super().login(request, user)
        # The rest of this request speaks the person's language: allauth adds its "signed
        # in as ..." message right after this, while the request still runs in the
        # language the signed-out browser asked for.
        language = getattr(user, "preferred_language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def send_mail(self, template_prefix, email, context):
        # allauth's templates greet from current_site.name; without the sites framework it
        # would be empty ("Hello from !") or the bare host name.
        context = {**context, "current_site": mail_site()}
        # In the recipient's language when they chose one, not the requester's browser's
        # (a password reset can be asked for by anyone, signed out, in any language).
        with translation.override(recipient_language(email)):
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
