"""Validation of what authority staff type into the report editor."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qnet import bounds
from reports.models import Section


class ReportStartForm(forms.Form):
    year = bounds.IntegerField(
        label=_("Year"), min_value=bounds.EARLIEST_YEAR, max_value=bounds.LATEST_YEAR
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. You can change it later."),
    )

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if len(authorities) > 1:
            self.fields["authority"] = forms.TypedChoiceField(
                label=_("Authority"), coerce=int, choices=[(a.pk, a.name) for a in authorities]
            )
            self.order_fields(["authority", "year", "title", "introduction"])


class ReportDetailsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown."),
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Chapter title"), max_length=200)
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: **bold**, *italic*, lists with “-”, headings with “###”."),
    )


class SectionAddForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of chapter"), choices=Section.Kind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("A results chapter takes the focus area's title if you leave this empty."),
    )
    focus_area = forms.TypedChoiceField(
        label=_("Focus area (results chapters only)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, focus_areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].choices = [("", "—")] + [
            (f.pk, f"{f.title} ({f.plan.start_year}–{f.plan.end_year})") for f in focus_areas
        ]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Review comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to every reader of the report."),
    )


class ReviewersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class SubmitForReviewForm(forms.Form):
    reviewers = ReviewersField(
        label=_("Reviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the colleagues you choose are told that the report awaits review."),
        error_messages={"required": _("Choose at least one colleague to review the report.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = candidates
