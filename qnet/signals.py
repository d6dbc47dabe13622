"""Log every sign-in and every failed attempt, with the address it came from."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from qnet.adapters import client_ip as _client_ip

logger = logging.getLogger("qnet.security")


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    logger.info("login ok user=%s ip=%s", user.pk, _client_ip(request))


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    logger.warning(
        "login failed email=%s ip=%s", credentials.get("email", "?"), _client_ip(request)
    )
