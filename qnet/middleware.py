from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from qnet.rules import roles_of


class UserLanguageMiddleware:
    """A signed-in person's preferred language beats the browser's and the cookie's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response


# Paths an authority staff member without MFA may still reach: the pages that set MFA
# up, logging out, and what the browser needs to render them.
_MFA_FREE_PREFIXES = ("/accounts/", "/static/", "/health/", "/language/", "/invitations/")


class AuthorityMFAMiddleware:
    """Authority staff hold sensitive school data: no page until TOTP is set up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_MFA_FREE_PREFIXES)
            and roles_of(user).authority_ids
            and not _has_totp(user)
        ):
            messages.warning(
                request,
                _("Authority staff must set up two-factor authentication before continuing."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
