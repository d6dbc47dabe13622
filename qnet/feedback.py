"""The answer of a POST view that calls one service: a refusal becomes an error message,
success a success message. The views of every app repeated these five lines."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def flash_service_call(request, call: Callable[[], object], *, success: str) -> bool:
    """Run `call`; True when it went through. Its ValidationError is shown, not raised."""
    try:
        call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
