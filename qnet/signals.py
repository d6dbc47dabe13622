"""Log every sign-in and every failed attempt, with the address it came from; count the
TOTP code that activates a device as this session's MFA step."""

import logging

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from qnet.adapters import client_ip as _client_ip
from qnet.mfa import session_record_mfa

logger = logging.getLogger("qnet.security")


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login ok user=%s ip=%s", user.pk, _client_ip(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    logger.warning(
        "login failed email=%s ip=%s", credentials.get("email", "?"), _client_ip(request)
    )


@receiver(authenticator_added)
def record_mfa_on_activation(sender, request, user, authenticator, **kwargs):
    # Activating TOTP takes a valid code from the new device (after the password was
    # asked again): asking for another code on the next page would prove nothing more.
    if (
        request is not None
        and authenticator.type == Authenticator.Type.TOTP
        and request.user.pk == user.pk
    ):
        session_record_mfa(request=request, authenticator=authenticator)
