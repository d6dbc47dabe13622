"""bounds.DecimalField: decimals typed and shown as the person's language writes them."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from qnet import bounds


class ValueForm(forms.Form):
    value = bounds.DecimalField(max_digits=12, decimal_places=3, required=False)


def cleaned(language: str, typed: str):
    with translation.override(language):
        form = ValueForm({"value": typed})
        return form.cleaned_data["value"] if form.is_valid() else form.errors


def shown(language: str, stored: Decimal) -> str:
    """The value attribute of the rendered input."""
    with translation.override(language):
        html = str(ValueForm(initial={"value": stored})["value"])
    return re.search(r'value="([^"]*)"', html).group(1)


@pytest.mark.parametrize("language", ["de", "nl", "nb"])
def test_it_reads_a_decimal_comma(language):
    assert cleaned(language, "4,9") == Decimal("4.9")


@pytest.mark.parametrize("language", ["de", "nl", "nb", "en"])
def test_it_reads_a_decimal_point_in_every_language(language):
    assert cleaned(language, "4.9") == Decimal("4.9")


def test_it_refuses_a_comma_in_english():
    assert "value" in cleaned("en", "4,9")


@pytest.mark.parametrize(
    ("language", "stored", "expected"),
    [
        ("de", Decimal("4.900"), "4,9"),
        ("nb", Decimal("0.050"), "0,05"),
        ("nl", Decimal("100.000"), "100"),
        ("en", Decimal("4.900"), "4.9"),
        ("en", Decimal("1200.000"), "1200"),
    ],
)
def test_it_shows_the_stored_value_without_trailing_zeros(language, stored, expected):
    assert shown(language, stored) == expected


def test_it_is_a_text_input_with_the_number_pad():
    html = str(ValueForm()["value"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
