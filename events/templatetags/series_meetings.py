"""The series page's actions (register for all meetings, run the series), as a tag so the
series page's view needs no change to show them."""

from django import template

from events.series_forms import SeriesRegistrationForm
from events.series_selectors import series_actions_for

register = template.Library()


@register.inclusion_tag("events/_series_actions.html", takes_context=True)
def series_actions(context, series, meetings):
    request = context["request"]
    actions = series_actions_for(user=request.user, series=series, meetings=meetings)
    form = None
    if actions.may_register:
        form = SeriesRegistrationForm(user=request.user, colleagues=actions.colleagues)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "series": series,
        "actions": actions,
        "form": form,
    }
