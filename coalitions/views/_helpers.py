from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def require(predicate, user, obj) -> None:
    """403 for a visible object the user may not change."""
    if not predicate(user, obj):
        raise PermissionDenied


def error_messages(error: ValidationError) -> list[str]:
    return list(error.messages)


def flash_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error_messages(error)))


def form_error(form, error: ValidationError) -> None:
    for message in error_messages(error):
        form.add_error(None, message)
