"""How a result figure reads in a table: a tag, not an include, because a school's
results page shows seven hundred of them and an include costs a template context each."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure(value) -> str:
    """A dot for no result, a dash for a withheld figure (the reason for screen readers
    and on hover), else the value with one decimal, bold when below the threshold."""
    if value is None:
        return format_html('<span class="text-body-secondary" title="{}">·</span>', _("no result"))
    if value.status == "no_pupils" or value.value is None:
        reason = (
            _("No pupils tested") if value.status == "no_pupils" else _("Group too small to show")
        )
        return format_html(
            '<span title="{}">—<span class="visually-hidden"> {}</span></span>', reason, reason
        )
    shown = floatformat(value.value, 1)
    if value.weak:
        return format_html(
            '<strong class="qnet-weak">{}<span class="visually-hidden"> ({})</span></strong>',
            shown,
            _("below threshold"),
        )
    return shown
