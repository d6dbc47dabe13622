from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from qnet.feedback import flash_service_call


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_service_that_goes_through_gets_the_success_message():
    request = _request()
    assert flash_service_call(request, lambda: None, success="Saved.") is True
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("success", "Saved.")]


def test_a_refusal_is_shown_as_an_error_and_not_raised():
    def refuse():
        raise ValidationError(["Too late.", "Ask the coordinator."])

    request = _request()
    assert flash_service_call(request, refuse, success="Saved.") is False
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [
        ("error", "Too late. Ask the coordinator.")
    ]
