"""Every form of the permission matrix, found and filled with extremes (tests/test_fuzz.py).

Which URLs: every row of the matrix (tests/permission_matrix/table.py) whose POST a
signed-in persona may make, i.e. the table expects 200, 302 or 400 of it; the first such
persona in the table's order posts.
Which fields: the Django forms the view builds, recorded while that persona opens the
page (GET) and posts a probe to it: their prefixes, the fields added in `__init__`, the
members and management forms of formsets. A new URL, form or field is covered the day
it appears, without a list to keep up to date.
What is sent: every field a valid value (its initial value, or a plain one of its type),
except the fields under attack, which get an extreme of their type: integers past the
database's range, years 1 and 9999, 128 KB of text, NUL bytes, choices that do not
exist, matplotlib math, right-to-left and combining characters.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from unittest import mock

from django import forms
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxValueValidator
from django.db import transaction
from django.utils import timezone

from qnet import bounds
from tests.permission_matrix.table import LOGIN, PERSONAS
from tests.permission_matrix.world import PDF

PROJECT_APPS = ("qnet.", "events.", "coalitions.", "selfassessment.", "reports.")
ALLOWED_POST = {200, 302, 400}
PROBE = {"_fuzz_probe": "1"}  # a non-empty body: views bind `request.POST or None`
FILE = "<a small PDF>"  # a fresh upload per request: a read file is used up

HUGE_TEXT = "Q" * 128 * 1024
EXTREMES = {
    "integer": [
        "2147483648",
        "-2147483649",
        "9223372036854775808",
        "1" + "0" * 40,
        "-1",
        "0",
        "1e400",
        "\u0663",  # an Arabic-Indic three: int() reads it
    ],
    "decimal": ["NaN", "-Infinity", "1e400", "9" * 40, "-0.0000000001", "1e-400"],
    "date": ["0001-01-01", "9999-12-31", "0000-01-01", "2026-02-30", "1-1-1"],
    "datetime": [
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "0001-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "2026-03-29T02:30",  # does not exist in Berlin (clocks jump)
        "2026-10-25T02:30",  # exists twice in Berlin
    ],
    "text": [
        HUGE_TEXT,
        "nul\x00byte",
        "$\\undefinedcmd$ $x^{$ \\",
        "\u202eevil\u202c e\u0301 \U0001d518\U0001d52b \U0001f642 \u200b\ufeff",
        "=1+2;@SUM(A1)",
        "<script>alert(1)</script>{{ x }}{% y %}",
        "",
        " ",
    ],
    "choice": ["99999999999999999999", "-1", "0", "no-such-choice", "\x00", HUGE_TEXT, ""],
    "boolean": ["\x00", "false", HUGE_TEXT],
}
# The fixed rounds. Numbers, dates and choices one field at a time, the rest valid: the
# form passes and the value reaches the services and the database (two such fields
# attacked together often stop at the form, an end before its start, say). Text all at
# once: a field refusing it does not hide another field's crash.
PER_FIELD = {
    "integer": ["2147483648", "-9223372036854775809"],
    "decimal": ["NaN", "9" * 40],
    "date": ["0001-01-01", "9999-12-31"],
    "datetime": ["0001-01-01T00:00", "9999-12-31T23:59"],
    "choice": ["99999999999999999999"],
    "multiple": [["99999999999999999999"]],
}
ALL_AT_ONCE = {"text": [HUGE_TEXT, "nul\x00byte"]}


def kind_of(form_field) -> str:
    if isinstance(form_field, forms.FileField):
        return "file"
    if isinstance(form_field, (forms.DecimalField, forms.FloatField)):
        return "decimal"
    if isinstance(form_field, forms.IntegerField):
        return "integer"
    if isinstance(form_field, forms.DateTimeField):
        return "datetime"
    if isinstance(form_field, forms.DateField):
        return "date"
    if isinstance(form_field, forms.BooleanField):
        return "boolean"
    if isinstance(form_field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)):
        return "multiple"
    if isinstance(form_field, (forms.ChoiceField, forms.ModelChoiceField)):
        return "choice"
    return "text"


@dataclass
class Field:
    name: str  # as posted, with the form's prefix
    kind: str
    valid: object  # str, list of str, FILE, or None (left out)


@dataclass
class Target:
    label: str
    persona: str
    path: str
    get_page: bool
    fields: dict = field(default_factory=dict)
    unbounded: list = field(default_factory=list)

    def __str__(self):
        return f"POST {self.path} ({self.label}) as {self.persona}"


def targets(rows, w) -> list[Target]:
    """One target per row some signed-in persona may post to, with that persona."""
    found = []
    for row in rows:
        for persona in PERSONAS:
            codes = row.expect[persona]
            if persona == "anonymous" or codes == LOGIN or codes[1] not in ALLOWED_POST:
                continue
            found.append(
                Target(
                    label=row.label,
                    persona=persona,
                    path=row.path(w),
                    get_page=codes[0] == 200,
                )
            )
            break
    return found


@contextmanager
def recording_forms():
    """Every form of the project built inside the block (kept, so fields a subclass adds
    after `BaseForm.__init__` are there when they are read)."""
    built = []
    original = forms.BaseForm.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        module = type(self).__module__
        if module.startswith(PROJECT_APPS) or isinstance(self, forms.formsets.ManagementForm):
            built.append(self)

    with mock.patch.object(forms.BaseForm, "__init__", init):
        yield built


def undone(client, method: str, path: str, data=None, **extra):
    """One request whose writes, cache entries and cookie changes are undone afterwards."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = getattr(client, method)(path, data, **extra)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        cache.clear()
    return response


def discover(client, target: Target) -> None:
    """The forms the view builds for the page and for a posted probe, and their fields."""
    with recording_forms() as built:
        if target.get_page:
            answered(client, target, "get", {})
        unbound = len(built)
        answered(client, target, "post", PROBE)
    posted = [form for form in built[unbound:] if form.is_bound]
    if not posted:
        return  # the view reads no form from the body: nothing to fuzz here
    # The page's forms hold the initial values (and a formset's member forms, which an
    # invalid management form leaves unbuilt in the probe's answer).
    for form in [form for form in built[:unbound] if not form.is_bound] + posted:
        for name, form_field in form.fields.items():
            html_name = form.add_prefix(name)
            if type(form).__module__.startswith(PROJECT_APPS) and not is_bounded(
                form, name, form_field
            ):
                target.unbounded.append(f"{type(form).__name__}.{name}")
            known = target.fields.get(html_name)
            value = valid_value(form, name, form_field)
            if known is None or (known.valid in (None, "", []) and value not in (None, "", [])):
                target.fields[html_name] = Field(html_name, kind_of(form_field), value)


def is_bounded(form, name: str, form_field) -> bool:
    """An integer with a maximum (a model form's also by its model field's validators,
    which Django gives the column's range), a date in qnet.bounds' years."""
    kind = kind_of(form_field)
    if kind == "integer":
        if form_field.max_value is not None and form_field.max_value <= bounds.INTEGER_MAX:
            return True
        model = getattr(getattr(form, "_meta", None), "model", None)
        if model is None or name not in {f.name for f in model._meta.get_fields()}:
            return False
        return any(
            isinstance(validator, MaxValueValidator) and validator.limit_value <= bounds.INTEGER_MAX
            for validator in model._meta.get_field(name).validators
        )
    if kind in ("date", "datetime"):
        return bounds.check_year in form_field.validators
    return True


def _choices(form_field) -> list[str]:
    values = []
    for value, label in form_field.choices:
        if isinstance(label, (list, tuple)):  # an option group
            values += [str(inner) for inner, _label in label]
        else:
            values.append(str(getattr(value, "value", value)))
    return [value for value in values if value != ""]


def _plain(value, form_field):
    """A Python value as the browser would post it."""
    if isinstance(value, (datetime, date, time)):
        return form_field.widget.format_value(value)
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return str(value)


def valid_value(form, name: str, form_field):
    """What a person would plausibly post: the initial value, else a plain one."""
    kind = kind_of(form_field)
    initial = form[name].value() if not form.is_bound else None
    if kind == "file":
        return FILE
    if kind == "boolean":
        return "on" if (initial or form_field.required) else None
    if initial not in (None, "", []):
        return _plain(initial, form_field)
    if not form_field.required:
        return None
    soon = timezone.localdate() + timedelta(days=60)
    if kind == "integer":
        low = max(form_field.min_value or 1, 1)
        return str(low if form_field.max_value is None else min(low, form_field.max_value))
    if kind == "decimal":
        return "1"
    if kind == "date":
        return soon.isoformat()
    if kind == "datetime":
        return f"{soon.isoformat()}T10:00"
    if kind in ("choice", "multiple"):
        choices = _choices(form_field)
        if not choices:
            return None
        return [choices[0]] if kind == "multiple" else choices[0]
    if isinstance(form_field, forms.EmailField):
        return "fuzz@example.org"
    if isinstance(form_field, forms.URLField):
        return "https://example.org/fuzz"
    return "fuzz"


def extremes(kind: str) -> list:
    if kind == "multiple":
        return [[value] for value in EXTREMES["choice"]] + [EXTREMES["choice"][:4]]
    if kind == "file":
        return []  # uploads are fuzzed by their own tests (test_fuzz.py's readers)
    return EXTREMES[kind]


def body(target: Target, attacked: dict) -> dict:
    """Valid values everywhere but in the attacked fields."""
    data = {}
    for name, spec in target.fields.items():
        value = attacked.get(name, spec.valid)
        if value == FILE:
            value = SimpleUploadedFile("fuzz.pdf", PDF, content_type="application/pdf")
        if value is not None:
            data[name] = value
    return data


def rounds(target: Target) -> list[dict]:
    """The fixed rounds' attacks (PER_FIELD, ALL_AT_ONCE)."""
    found = [
        {spec.name: value}
        for spec in target.fields.values()
        for value in PER_FIELD.get(spec.kind, [])
    ]
    for kind, values in ALL_AT_ONCE.items():
        names = [spec.name for spec in target.fields.values() if spec.kind == kind]
        found += [dict.fromkeys(names, value) for value in values if names]
    return found


def short(data: dict) -> dict:
    def cut(value):
        if isinstance(value, str) and len(value) > 40:
            return f"{value[:20]}…({len(value)} chars)"
        if isinstance(value, list):
            return [cut(item) for item in value]
        return value

    return {name: cut(value) for name, value in data.items()}


def answered(client, target: Target, method: str, data: dict, shown: dict | None = None):
    """The response, or an AssertionError naming the request for a server error or an
    exception (`shown`: the values to name, the attacked ones)."""
    try:
        response = undone(client, method, target.path, data, follow=True)
    except Exception as error:
        raise AssertionError(f"{target}: {error!r} for {short(shown or data)}") from error
    assert response.status_code < 500, (
        f"{target}: {response.status_code} for {short(shown or data)}"
    )
    return response


def post(client, target: Target, attacked: dict) -> None:
    """Post, follow the redirect (the new or changed object's page is shown with what was
    stored), and fail on a server error or an exception."""
    answered(client, target, "post", body(target, attacked), attacked)
