"""How a view shows a service's refusal (its ValidationError): on the form the user sent,
or as an error message before a redirect. Every app's views use these two, so a refusal
reads the same everywhere and a service may name the field it refuses."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError


def form_add_service_error(form, error: ValidationError, *, field: str | None = None) -> None:
    """Put a service's refusal on the form: a message the service ties to a field the form
    has goes on that field; every other message goes on `field`, the input the view knows
    the whole call is about (None: above the form).

    Django's own `form.add_error(None, error)` would raise for a field the form lacks, and
    adding the messages one by one above the form would hide which input is wrong."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)


def flash_service_error(request, error: ValidationError) -> None:
    """A service's refusal as one error message, for a view that answers with a redirect."""
    messages.error(request, " ".join(error.messages))


def flash_service_call(request, call: Callable[[], object], *, success: str) -> bool:
    """Run `call`; True when it went through. Its ValidationError is shown, not raised."""
    try:
        call()
    except ValidationError as error:
        flash_service_error(request, error)
        return False
    messages.success(request, success)
    return True
