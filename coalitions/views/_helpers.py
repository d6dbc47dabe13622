from django.core.exceptions import PermissionDenied


def require(predicate, user, obj) -> None:
    """403 for a visible object the user may not change."""
    if not predicate(user, obj):
        raise PermissionDenied
