"""Validation of what people type; the services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qnet import bounds
from selfassessment.models import (
    PROPOSABLE_STATUSES,
    Agreement,
    FocusArea,
    Goal,
    Indicator,
    Level,
    Measure,
    QualityPlan,
    ResultStatus,
    SourceKind,
)

TEXT_MAX = 5000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AssessmentForm(forms.Form):
    """One level, evidence and next steps per sign of good practice, plus the version."""

    version = bounds.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=bounds.INTEGER_MAX
    )
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
        field_classes = {"threshold": bounds.DecimalField}


class ResultForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ResultStatus.choices,
        required=False,
        help_text=_("A suppressed result or one where nobody was tested has no value."),
    )
    value = bounds.DecimalField(label=_("Value"), max_digits=12, decimal_places=3, required=False)
    n = bounds.IntegerField(
        label=_("Number of respondents"), max_value=bounds.MAX_COUNT, required=False
    )

    def clean(self):
        data = super().clean()
        data["status"] = data.get("status") or ResultStatus.REPORTED
        if data.get("status") == ResultStatus.REPORTED and data.get("value") is None:
            self.add_error("value", _("A reported result needs a value."))
        if data.get("status") == ResultStatus.REPORTED and data.get("n") == 0:
            self.add_error("n", _("A reported result comes from at least one person."))
        if data.get("status") != ResultStatus.REPORTED and data.get("value") is not None:
            self.add_error("value", _("Leave the value empty for this status."))
        return data


class CycleForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Quality plan"), queryset=None)
    year = bounds.IntegerField(
        label=_("Year"), min_value=bounds.EARLIEST_YEAR, max_value=bounds.LATEST_YEAR
    )
    opens_on = bounds.DateField(label=_("Opens on"), widget=DATE)
    due_on = bounds.DateField(label=_("Due on"), widget=DATE)
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
    starts_at = bounds.DateTimeField(
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
    due_on = bounds.DateField(label=_("Due on"), widget=DATE)


class AgreementUpdateForm(AgreementForm):
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)
    # The agreement's version when the page was loaded (lost-update guard).
    version = bounds.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=bounds.INTEGER_MAX
    )


class AgreementNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("(unchanged)")), *Agreement.Status.choices],
        required=False,
    )

    def __init__(self, *args, may_set_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        # The school proposes a status instead; only the authority sets it with a note.
        if not may_set_status:
            del self.fields["status"]


class AgreementProposalForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Proposed status"), choices=PROPOSABLE_STATUSES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has been achieved, or why the agreement no longer makes sense."),
    )


class ProposalDecisionForm(forms.Form):
    version = bounds.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=bounds.INTEGER_MAX
    )
    comment = forms.CharField(
        label=_("Comment to the school"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you reject the proposal."),
    )


class ReturnForm(forms.Form):
    """The overall comment and one optional comment per sign of good practice."""

    comment = forms.CharField(
        label=_("Comment to the school"),
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Say what the school should revise.")},
    )

    def __init__(self, *args, indicator_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_ids = indicator_ids
        for pk in indicator_ids:
            self.fields[f"sign_{pk}"] = forms.CharField(
                label=_("Comment on this sign"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sign_comments(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"sign_{pk}", "") for pk in self.indicator_ids}


class SubmitConfirmForm(forms.Form):
    version = bounds.IntegerField(
        widget=forms.HiddenInput, min_value=1, max_value=bounds.INTEGER_MAX
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
                label=f"{indicator.number} {indicator.statement}"
                if getattr(indicator, "number", "")
                else indicator.statement,
                choices=self.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def ratings(self) -> dict[int, int]:
        return {
            indicator.pk: self.cleaned_data[f"rating_{indicator.pk}"]
            for indicator in self.indicators
        }


class ResultImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export file"),
        help_text=_(
            "A CSV file as the statistics system gives it (Udir statistics bank, DUO) or in "
            "qnet's generic format. UTF-8, UTF-16 or Windows-1252; separated by ; | , or tab."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=[("", _("Detect from the file"))] + list(SourceKind.choices),
    )
    school_year = forms.CharField(
        label=_("School year"),
        required=False,
        max_length=9,
        help_text=_(
            "Only needed when the file does not say it (DUO names it in the file name), "
            "e.g. 2024-2025."
        ),
    )


CHOOSE, SKIP, NEW = "", "skip", "new"


class ImportMappingForm(forms.Form):
    """One choice per source measure in the file (existing measure, new measure or skip)
    and one per school the authority's schools don't carry the id of (link or skip)."""

    # A file can name thousands of measures, asked a page at a time: this decides the rest.
    skip_unmapped = forms.BooleanField(
        label=_("Skip every measure not decided, on this page and the others (not imported)"),
        required=False,
    )
    skip_unmatched = forms.BooleanField(
        label=_("Skip every school not listed with a link below (they are not ours)"),
        required=False,
    )

    def __init__(self, *args, keys: list[dict], unmatched: list[dict], measures, schools, **kw):
        super().__init__(*args, **kw)
        self.keys, self.unmatched = keys, unmatched
        self.measures = {str(m.pk): m for m in measures}
        self.schools = {str(s.pk): s for s in schools}
        measure_choices = [
            (CHOOSE, _("— choose —")),
            (SKIP, _("Skip: do not import")),
            (NEW, _("New measure (fill in below)")),
        ] + [(pk, str(m)) for pk, m in self.measures.items()]
        for i, key in enumerate(keys):
            self.fields[f"m{i}"] = forms.ChoiceField(
                label=key["key"], choices=measure_choices, required=False, initial=key["initial"]
            )
            self.fields[f"m{i}_code"] = forms.SlugField(
                label=pgettext_lazy("measure", "Code"), max_length=40, required=False
            )
            self.fields[f"m{i}_name"] = forms.CharField(
                label=_("Name"), max_length=200, required=False, initial=key["key"][:200]
            )
            self.fields[f"m{i}_threshold"] = bounds.DecimalField(
                label=_("Threshold"), max_digits=12, decimal_places=3, required=False
            )
            self.fields[f"m{i}_higher"] = forms.BooleanField(
                label=_("Higher is better"), required=False, initial=True
            )
        school_choices = [(CHOOSE, _("— not decided —")), (SKIP, _("Skip: not our school"))] + [
            (pk, s.name) for pk, s in self.schools.items()
        ]
        for i, unit in enumerate(unmatched):
            self.fields[f"s{i}"] = forms.ChoiceField(
                label=f"{unit['official_id']} {unit['name']}".strip(),
                choices=school_choices,
                required=False,
            )

    def key_rows(self):
        return [
            {
                "key": key,
                "choice": self[f"m{i}"],
                "new_fields": [self[f"m{i}_{part}"] for part in ("code", "name", "threshold")],
                "higher": self[f"m{i}_higher"],
            }
            for i, key in enumerate(self.keys)
        ]

    def school_rows(self):
        return [(unit, self[f"s{i}"]) for i, unit in enumerate(self.unmatched)]

    def clean(self):
        data = super().clean()
        codes = set()
        for i, _key in enumerate(self.keys):
            choice = data.get(f"m{i}")
            if choice == CHOOSE and not data.get("skip_unmapped"):
                self.add_error(f"m{i}", _("Choose a measure, a new measure or skip."))
            elif choice == NEW:
                for part in ("code", "name", "threshold"):
                    if data.get(f"m{i}_{part}") in (None, ""):
                        self.add_error(f"m{i}_{part}", _("Needed for a new measure."))
                code = data.get(f"m{i}_code")
                if code and code in codes:
                    self.add_error(f"m{i}_code", _("Two new measures cannot share a code."))
                codes.add(code)
        return data

    def measure_choices(self, all_keys: list[dict]) -> list[dict]:
        """What the service needs, in plain values: key, breakdown, measure or new spec.
        With "skip the rest", every measure of the file not mapped yet and not decided
        here (also those on other pages) is skipped."""
        choices = []
        if self.cleaned_data["skip_unmapped"]:
            shown = {(key["key"], key["breakdown"]) for key in self.keys}
            choices = [
                {"key": key["key"], "breakdown": key["breakdown"], "measure": None}
                for key in all_keys
                if not key["mapped"] and (key["key"], key["breakdown"]) not in shown
            ]
        for i, key in enumerate(self.keys):
            choice = self.cleaned_data[f"m{i}"]
            entry = {"key": key["key"], "breakdown": key["breakdown"], "measure": None}
            if choice == NEW:
                entry["new"] = {
                    "code": self.cleaned_data[f"m{i}_code"],
                    "name": self.cleaned_data[f"m{i}_name"],
                    "threshold": self.cleaned_data[f"m{i}_threshold"],
                    "higher_is_better": self.cleaned_data[f"m{i}_higher"],
                }
            elif choice not in (SKIP, CHOOSE):
                entry["measure"] = self.measures[choice]
            choices.append(entry)
        return choices

    def school_choices(self, all_unmatched: list[dict]) -> list[dict]:
        """Links and skips chosen; with "skip the rest", every undecided id of the file
        (also those beyond the ones listed) is skipped."""
        decided = {}
        for i, unit in enumerate(self.unmatched):
            choice = self.cleaned_data[f"s{i}"]
            if choice != CHOOSE:
                decided[(unit["id_scheme"], unit["official_id"])] = {
                    **unit,
                    "school": self.schools.get(choice) if choice != SKIP else None,
                }
        if self.cleaned_data["skip_unmatched"]:
            for unit in all_unmatched:
                decided.setdefault(
                    (unit["id_scheme"], unit["official_id"]), {**unit, "school": None}
                )
        return list(decided.values())
