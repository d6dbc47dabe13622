"""Whether this session passed MFA, read from (and written to) allauth's own records.

allauth notes every authentication step of a session (password, mfa, ...) for the user
it belongs to. A TOTP device on the account says nothing about the session: one opened
by a path that skipped the TOTP step must not count as verified.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.http import HttpRequest


def session_passed_mfa(request: HttpRequest) -> bool:
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


def session_record_mfa(*, request: HttpRequest, authenticator: Authenticator) -> None:
    """Record in the session that its user just proved to hold ``authenticator``, in the
    form allauth's own TOTP step writes."""
    # allauth offers no public writer; this is the function its MFA step calls.
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(
        request, authenticator.user, "mfa", id=authenticator.pk, type=authenticator.type
    )
