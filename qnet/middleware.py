from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from qnet.mfa import session_passed_mfa
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


# Paths a person who still owes the TOTP step may reach: the pages that set MFA up or ask
# for a code, logging out, and what the browser needs to render them.
_MFA_FREE_PREFIXES = ("/accounts/", "/static/", "/health/", "/language/", "/invitations/")


class AuthorityMFAMiddleware:
    """Authority staff hold sensitive school data, and the admin holds everything: no page
    of theirs until TOTP is set up and this session has passed it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_MFA_FREE_PREFIXES)
            and (reason := self._mfa_reason(request))
        ):
            if not _has_totp(user):
                messages.warning(request, reason)
                return redirect("mfa_activate_totp")
            if not session_passed_mfa(request):
                # A session opened without the TOTP step: before the device existed, or by
                # a sign-in other than allauth's. allauth asks for a code and comes back.
                return redirect_to_login(request.get_full_path(), reverse("mfa_reauthenticate"))
        return self.get_response(request)

    def _mfa_reason(self, request) -> str:
        """Why this request needs a TOTP-verified session, or "" when it does not."""
        if request.path.startswith(self.admin_prefix) and request.user.is_staff:
            return _("The admin requires two-factor authentication: set it up to continue.")
        if roles_of(request.user).authority_ids:
            return _("Authority staff must set up two-factor authentication before continuing.")
        return ""


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
