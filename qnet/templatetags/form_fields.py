"""Form fields as Bootstrap 5 markup, built in Python: `{% form_fields form %}`, or
`{% form_fields form "notes" "dietary_notes" %}` for some of them, in that order.

The markup is crispy-forms' bootstrap5 pack's (same wrapper, label, classes, error and
help ids), so a page may use either. crispy renders five nested templates per field
(0.7 ms per field here, measured in-process): on the event page, the most visited page
with forms, its three forms took more time than everything else the page renders. This
renders the plain widgets it knows and hands any other to crispy."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Fixed markup, safe as written.
_NOTHING = SafeString("")
_CHECKED = SafeString(" checked")
_ASTERISK = SafeString('<span class="asteriskField">*</span>')

_CONTROL = (forms.TextInput, forms.Textarea, forms.NumberInput, forms.EmailInput, forms.URLInput)
_CLASSES = {
    forms.Textarea: "textarea form-control",
    forms.Select: "select form-select",
    forms.CheckboxInput: "checkboxinput form-check-input",
}


def _widget_class(widget) -> str | None:
    for kind, classes in _CLASSES.items():
        if type(widget) is kind:
            return classes
    if isinstance(widget, _CONTROL) and not isinstance(widget, forms.Textarea):
        return f"{widget.input_type}input form-control"
    return None


def _label(field, css: str) -> SafeString:
    required = field.field.required
    return format_html(
        '<label for="{}" class="{}{}">{}{}</label>',
        field.id_for_label,
        css,
        " requiredField" if required else "",
        field.label,
        _ASTERISK if required else "",
    )


def _errors(field) -> SafeString:
    if not field.errors:
        return _NOTHING
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, field.auto_id, error) for number, error in enumerate(field.errors, 1)),
        ),
    )


def _help(field) -> SafeString:
    if not field.help_text:
        return _NOTHING
    # Not escaped, as in Django's and crispy's own templates (help_text|safe): help texts
    # are the code's, and some hold a link.
    help_text = mark_safe(field.help_text)  # noqa: S308  # nosec B308, B703
    return format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, help_text)


def _attributes(attrs: dict) -> SafeString:
    # As django/forms/widgets/attrs.html: True as a bare name, False left out.
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


_PLAIN = (*_CONTROL, forms.Select)


def render_widget(field, classes: str) -> SafeString:
    """The widget's HTML, as BoundField.as_widget() renders it. Inputs, text areas and
    selects without groups are written here from the widget's own context (its attributes
    and value, as Django computes them); their templates were half of a field's time."""
    widget = field.field.widget
    own = widget.attrs.get("class")
    if own:
        classes = f"{classes} {own}"
    if field.errors:
        classes += " is-invalid"
    if type(widget) not in _PLAIN or field.field.localize:
        return field.as_widget(attrs={"class": classes})
    attrs = field.build_widget_attrs({"class": classes}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            context["name"],
            _attributes(context["attrs"]),
            context["value"] or "",
        )
    if isinstance(widget, forms.Select):
        groups = context["optgroups"]
        if any(name for name, _options, _index in groups):
            return field.as_widget(attrs={"class": classes})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], _attributes(option["attrs"]), option["label"])
                for _name, group, _index in groups
                for option in group
            ),
        )
        attributes = _attributes(context["attrs"])
        return format_html('<select name="{}"{}>{}</select>', context["name"], attributes, options)
    value = context["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        context["type"],
        context["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attributes(context["attrs"]),
    )


def _checkboxes(field) -> SafeString:
    invalid = " is-invalid" if field.errors else ""
    options = format_html_join(
        "",
        '<div class="form-check"><input type="checkbox" class="form-check-input{}" name="{}"'
        ' value="{}" id="{}"{}><label for="{}" class="form-check-label">{}</label></div>',
        (
            (
                invalid,
                option.data["name"],
                option.data["value"],
                option.id_for_label,
                _CHECKED if option.data["selected"] else "",
                option.id_for_label,
                option.choice_label,
            )
            for option in field.subwidgets
        ),
    )
    return format_html(
        '<div id="div_{}" class="mb-3"><fieldset><legend class="form-label fs-6">{}</legend>'
        "<div>{}</div>{}{}</fieldset></div>",
        field.auto_id,
        field.label,
        options,
        _errors(field),
        _help(field),
    )


def render_field(field) -> SafeString:
    widget = field.field.widget
    if field.is_hidden:
        return field.as_widget()
    if type(widget) is forms.CheckboxSelectMultiple:
        return _checkboxes(field)
    classes = _widget_class(widget)
    if classes is None:
        return as_crispy_field(field)
    if type(widget) is forms.CheckboxInput:
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}{}{}{}</div></div>',
            field.auto_id,
            render_widget(field, classes),
            _label(field, "form-check-label"),
            _errors(field),
            _help(field),
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>',
        field.auto_id,
        _label(field, "form-label"),
        render_widget(field, classes),
        _errors(field),
        _help(field),
    )


def _non_field_errors(form) -> SafeString:
    errors = form.non_field_errors()
    if not errors:
        return _NOTHING
    return format_html(
        '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
        format_html_join("", "<li>{}</li>", ((error,) for error in errors)),
    )


@register.simple_tag
def form_fields(form, *names) -> SafeString:
    """All fields with the form's own errors above them, as crispy's filter does; or the
    named fields only (those the form has), without them."""
    if names:
        fields = [form[name] for name in names if name in form.fields]
        return format_html_join("", "{}", ((render_field(field),) for field in fields))
    return _non_field_errors(form) + format_html_join(
        "", "{}", ((render_field(field),) for field in form)
    )
