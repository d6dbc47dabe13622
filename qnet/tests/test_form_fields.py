"""{% form_fields %} writes what crispy-forms' bootstrap5 pack and Django's widgets write,
compared as HTML (attribute order and white space aside)."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html

from qnet.templatetags.form_fields import render_widget


class Sample(forms.Form):
    person = forms.TypedChoiceField(
        label="Who <takes> part", coerce=int, choices=[(1, "Myself"), (2, "A & B")]
    )
    workshops = forms.MultipleChoiceField(
        label="Workshops",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(1, "Peer <observation>"), (2, "Data talks")],
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For the <em>coordinators</em>",
    )
    dietary_notes = forms.CharField(label="Dietary requirements", max_length=300)
    email = forms.EmailField(label="Mail", required=False)
    seats = forms.IntegerField(label="Seats", min_value=1, required=False)
    agree = forms.BooleanField(label="I agree")
    level = forms.ChoiceField(
        label="Level",
        required=False,
        choices=[("Schools", [("p", "Primary"), ("s", "Secondary")])],
    )
    date = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        raise forms.ValidationError("Something about the <whole> form.")


def _crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def _ours(form) -> str:
    return Template("{% load form_fields %}{% form_fields form %}").render(Context({"form": form}))


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"person": "2", "workshops": ["2"], "notes": "Bring <tea> & cake", "agree": "on"},
        {"person": "9", "dietary_notes": "x" * 301, "email": "no mail", "seats": "0"},
    ],
    ids=["unbound", "valid", "with errors"],
)
def test_it_writes_what_crispy_writes(data):
    def form():
        # One each: crispy adds its classes to the widgets of the form it renders.
        made = Sample(data=data) if data is not None else Sample(initial={"seats": 3})
        if data is not None:
            made.is_valid()
        return made

    assert parse_html(_ours(form())) == parse_html(_crispy(form()))


@pytest.mark.parametrize("name", ["person", "notes", "dietary_notes", "email", "seats", "date"])
@pytest.mark.parametrize(
    "data",
    [None, {"person": "2", "notes": "a\nb <c>", "email": "x@y.z", "seats": "0"}],
    ids=["unbound", "bound"],
)
def test_a_widget_is_written_as_django_writes_it(name, data):
    field = Sample(data=data)[name]
    expected = field.as_widget(
        attrs={"class": "form-control" + (" is-invalid" if field.errors else "")}
    )
    assert parse_html(render_widget(field, "form-control")) == parse_html(expected)


def test_named_fields_come_in_that_order_without_the_forms_own_errors():
    form = Sample(data={})
    form.is_valid()
    html = Template(
        '{% load form_fields %}{% form_fields form "notes" "person" "missing" %}'
    ).render(Context({"form": form}))
    assert html.index('id="div_id_notes"') < html.index('id="div_id_person"')
    assert "whole" not in html and "div_id_agree" not in html


def test_labels_values_and_errors_are_escaped():
    form = Sample(data={"notes": "</textarea><script>", "person": "1"})
    form.is_valid()
    html = _ours(form)
    assert "<script>" not in html and "&lt;/textarea&gt;&lt;script&gt;" in html
    assert "Who &lt;takes&gt; part" in html and "Peer &lt;observation&gt;" in html
    assert "&lt;whole&gt;" in html
