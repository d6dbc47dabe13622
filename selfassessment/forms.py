"""Validation of what people type; the services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from selfassessment.models import (
    Agreement,
    FocusArea,
    Goal,
    Indicator,
    Level,
    Measure,
    QualityPlan,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TEXT_MAX = 5000


class AssessmentForm(forms.Form):
    """One level, evidence and next steps per sign of good practice, plus the version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    edit_token = forms.CharField(widget=forms.HiddenInput, max_length=32, required=False)

    def __init__(self, *args, indicator_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_ids = indicator_ids
        for pk in indicator_ids:
            self.fields[f"level_{pk}"] = forms.TypedChoiceField(
                label=_("Level"),
                choices=Level.choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
            )
            self.fields[f"evidence_{pk}"] = forms.CharField(
                label=_("Evidence"), required=False, max_length=TEXT_MAX, widget=forms.Textarea
            )
            self.fields[f"next_steps_{pk}"] = forms.CharField(
                label=_("Next steps"), required=False, max_length=TEXT_MAX, widget=forms.Textarea
            )

    def entries(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            pk: {
                "level": data.get(f"level_{pk}"),
                "evidence": data.get(f"evidence_{pk}", ""),
                "next_steps": data.get(f"next_steps_{pk}", ""),
            }
            for pk in self.indicator_ids
        }


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the school"), required=False, max_length=TEXT_MAX, widget=forms.Textarea
    )


class EditorsForm(forms.Form):
    editors = forms.ModelMultipleChoiceField(
        label=_("Colleagues who may co-edit"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["editors"].queryset = staff


class QualityPlanForm(forms.ModelForm):
    class Meta:
        model = QualityPlan
        fields = ["title", "start_year", "end_year"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year cannot come before the first year."))
        return cleaned


class FocusAreaForm(forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["title", "order"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["statement", "order", "guidance", "assessment_tools", "measures"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 3}),
            "assessment_tools": forms.Textarea(attrs={"rows": 2}),
            "measures": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["code", "name", "unit", "higher_is_better", "threshold", "min_group_size"]


class ResultForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=3)
    n = forms.IntegerField(label=_("Number of respondents"), min_value=1)


class ResultsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: school (official id or name), measure (code), year, value, n. "
            "Comma or semicolon separated, UTF-8."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        raw = upload.read()
        # Checked by content, not by name: a CSV is plain text without NUL bytes.
        if b"\x00" in raw:
            raise forms.ValidationError(_("This is not a text (CSV) file."))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
            ) from None


class ResultsConfirmForm(forms.Form):
    # The confirm step re-checks everything, so a tampered hidden field gains nothing.
    content = forms.CharField(widget=forms.HiddenInput, max_length=MAX_UPLOAD_BYTES, strip=False)


class CycleForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Quality plan"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(
        label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    all_schools = forms.BooleanField(label=_("All schools of the authority"), required=False)
    schools = forms.ModelMultipleChoiceField(
        label=_("Or only these schools"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plans, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["schools"].queryset = schools

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_schools") and not cleaned.get("schools"):
            self.add_error("schools", _("Choose the schools, or all schools."))
        opens, due = cleaned.get("opens_on"), cleaned.get("due_on")
        if opens and due and due < opens:
            self.add_error("due_on", _("The due date cannot come before the opening date."))
        return cleaned


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.CharField(
        label=_("Participants"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )


class AgreementForm(forms.Form):
    action = forms.CharField(
        label=_("Action"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label=_("Owner"), max_length=200)
    due_on = forms.DateField(
        label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class AgreementUpdateForm(AgreementForm):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)


class AgreementNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("(unchanged)")), *Agreement.Status.choices],
        required=False,
    )


class FollowUpForm(forms.Form):
    n = forms.IntegerField(label=_("Weak in at least"), min_value=1, max_value=10, initial=2)
    m = forms.IntegerField(label=_("of the last … years"), min_value=1, max_value=10, initial=3)

    def clean(self):
        cleaned = super().clean()
        n, m = cleaned.get("n"), cleaned.get("m")
        if n and m and n > m:
            self.add_error("n", _("N cannot be larger than M."))
        return cleaned


class SurveyStartForm(forms.Form):
    min_responses = forms.IntegerField(
        label=_("Show results only when at least this many colleagues answered"),
        min_value=3,
        max_value=100,
        initial=5,
    )


class SurveyResponseForm(forms.Form):
    """One 1–5 rating per statement; nothing that identifies the person."""

    SCALE = [(value, str(value)) for value in range(1, 6)]

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"rating_{indicator.pk}"] = forms.TypedChoiceField(
                label=indicator.statement,
                choices=self.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def ratings(self) -> dict[int, int]:
        return {
            indicator.pk: self.cleaned_data[f"rating_{indicator.pk}"]
            for indicator in self.indicators
        }
