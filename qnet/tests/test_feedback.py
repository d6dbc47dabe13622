from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from qnet.feedback import flash_service_call, flash_service_error, form_add_service_error


class NameForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField(required=False)


def _form():
    form = NameForm({"name": "Lea", "email": ""})
    assert form.is_valid()
    return form


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


def test_a_refusal_without_a_field_stands_above_the_form():
    form = _form()
    form_add_service_error(form, ValidationError(["Too late.", "Ask the coordinator."]))
    assert form.non_field_errors() == ["Too late.", "Ask the coordinator."]
    assert form.errors.keys() == {"__all__"}


def test_a_refusal_of_a_field_the_form_has_is_shown_on_that_field():
    form = _form()
    form_add_service_error(form, ValidationError({"name": "Taken.", "email": ["Unknown."]}))
    assert form.errors == {"name": ["Taken."], "email": ["Unknown."]}
    # add_error takes the refused field's value out of cleaned_data, as for a field error.
    assert "name" not in form.cleaned_data


def test_a_refusal_of_a_field_the_form_lacks_stands_above_the_form():
    # Django's form.add_error(None, error) raises ValueError for such a key.
    form = _form()
    form_add_service_error(
        form, ValidationError({"starts_at": "Outside the year.", "name": "Taken."})
    )
    assert form.errors == {"__all__": ["Outside the year."], "name": ["Taken."]}


def test_a_view_may_name_the_field_a_refusal_without_one_is_about():
    form = _form()
    form_add_service_error(form, ValidationError("Already invited."), field="email")
    form_add_service_error(form, ValidationError({"token": "Expired."}), field="email")
    assert form.errors == {"email": ["Already invited.", "Expired."]}


def test_a_refusal_keeps_its_parameters():
    form = _form()
    form_add_service_error(
        form, ValidationError("At most %(n)s seats.", params={"n": 3}), field="name"
    )
    assert form.errors == {"name": ["At most 3 seats."]}


def test_a_refusal_before_a_redirect_is_one_error_message():
    request = _request()
    flash_service_error(request, ValidationError({"name": "Taken.", "__all__": "Closed."}))
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Taken. Closed.")]
