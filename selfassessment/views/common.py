from django.core.exceptions import PermissionDenied

from qnet.rules import is_authority_staff_of
from selfassessment import selectors


def staff_authority_or_403(request):
    """Pages of the authority's own quality work: only its staff may open them."""
    authority = selectors.staff_authority(request.user)
    if authority is None:
        raise PermissionDenied
    return authority


def require_staff_of(request, authority) -> None:
    if not is_authority_staff_of(request.user, authority):
        raise PermissionDenied
