"""Validation of what people type; the services decide what it means."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Series
from qnet import bounds

from .models import (
    Card,
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    Milestone,
    Resource,
)
from .services import max_upload_bytes

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CoalitionForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = [
            "kind",
            "title",
            "central_question",
            "goal",
            "expected_output",
            "needs",
            "period_start",
            "period_end",
            "status",
            "member_limit",
            "is_closed_group",
            "series",
        ]
        widgets = {
            "period_start": DATE,
            "period_end": DATE,
            "central_question": forms.Textarea(attrs={"rows": 2}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "expected_output": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"period_start": bounds.DateField, "period_end": bounds.DateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The coalition's meetings: a series of its network that no other coalition owns.
        series = self.fields["series"]
        series.help_text = _("Its facilitator and leads run these meetings.")
        network_id = self.instance.network_id if self.instance.pk else None
        series.queryset = (
            Series.objects.filter(network_id=network_id, coalition__isnull=True).order_by("title")
            if network_id
            else Series.objects.none()
        )
        if self.instance.series_id:
            series.queryset = Series.objects.filter(
                Q(pk__in=series.queryset.values("pk")) | Q(pk=self.instance.series_id)
            ).order_by("title")
        if not network_id:
            # A new coalition: its network's series are offered once it exists.
            del self.fields["series"]
        # Closing needs a result summary: that is the close form's job.
        is_closed = self.instance.pk and self.instance.status == Coalition.Status.CLOSED
        if not is_closed:
            self.fields["status"].choices = [
                choice for choice in Coalition.Status.choices if choice[0] != "closed"
            ]


class NetworkChoiceForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=None)

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks
        if len(networks) == 1:
            self.fields["network"].initial = networks[0]


class CloseForm(forms.Form):
    result_summary = forms.CharField(
        label=_("Result summary"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))
    school = forms.ModelChoiceField(label=_("School"), queryset=None, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=CoalitionMember.Role.choices, initial=CoalitionMember.Role.MEMBER
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=CoalitionMember.Role.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm qnet-role-select"}),
    )


class NotifyForm(forms.Form):
    notify = forms.ChoiceField(
        label=_("Mail me about new posts"), choices=CoalitionMember.Notify.choices
    )


class MembershipRequestForm(forms.Form):
    school = forms.ModelChoiceField(label=_("For school"), queryset=None)
    message = forms.CharField(
        label=_("Why you would like to join (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if len(schools) == 1:
            self.fields["school"].initial = schools[0]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Admit")), ("decline", _("Decline"))])


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text=_("Markdown works: **bold**, *italic*, lists and links."),
    )


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        help_text=_("Markdown works: **bold**, *italic*, lists and links."),
    )


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Resource.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
        help_text=_("Markdown works."),
    )
    upload = forms.FileField(label=_("File"), required=False)
    link = forms.URLField(
        label=_("or a link"), required=False, max_length=500, assume_scheme="https"
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. dropout, data, teams."),
    )
    school = forms.ModelChoiceField(label=_("From school"), queryset=None, required=False)
    visibility = forms.ChoiceField(label=_("Visible to"), choices=Resource.Visibility.choices)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        mb = max_upload_bytes() / (1024 * 1024)
        self.fields["upload"].help_text = _(
            "PDF, PNG, JPEG, DOCX, XLSX or PPTX, at most %(mb).0f MB."
        ) % {"mb": mb}

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("upload")) == bool(cleaned.get("link")):
            raise forms.ValidationError(_("Give either a file or a link."))
        return cleaned


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "status"]
        widgets = {"due_on": DATE}
        field_classes = {"due_on": bounds.DateField}


class LearningQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your learning question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    shared_with_group = forms.BooleanField(label=_("Share it with the group"), required=False)


class ProgressNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    noted_on = bounds.DateField(label=_("Date"), widget=DATE)


class DeckForm(forms.ModelForm):
    class Meta:
        model = CardDeck
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CardForm(forms.ModelForm):
    class Meta:
        model = Card
        fields = ["front", "back", "order"]
        widgets = {
            "front": forms.Textarea(attrs={"rows": 2}),
            "back": forms.Textarea(attrs={"rows": 3}),
        }


class PrioritisationStartForm(forms.Form):
    # Plain choices from a list the view already holds: rendering queries nothing.
    school = forms.TypedChoiceField(label=_("For school"), coerce=int)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {school.pk: school for school in schools}
        self.fields["school"].choices = [(school.pk, school.name) for school in schools]

    def clean_school(self):
        return self.schools[self.cleaned_data["school"]]


class PickForm(forms.Form):
    cards = forms.MultipleChoiceField(
        label=_("Cards that matter to our school"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, cards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cards"].choices = [(card.pk, card.front) for card in cards]


class RankForm(forms.Form):
    """One number field per picked card, named rank_<pick id>."""

    def __init__(self, *args, picks, **kwargs):
        super().__init__(*args, **kwargs)
        self.picks = picks
        for pick in picks:
            self.fields[f"rank_{pick.pk}"] = forms.IntegerField(
                label=pick.card.front, min_value=1, max_value=len(picks), initial=pick.rank
            )

    def ranks(self) -> dict[int, int]:
        return {pick.pk: self.cleaned_data[f"rank_{pick.pk}"] for pick in self.picks}

    def bound_rows(self):
        return [(pick, self[f"rank_{pick.pk}"]) for pick in self.picks]


class CounsellingRequestForm(forms.ModelForm):
    class Meta:
        model = CounsellingRequest
        fields = ["school", "topic", "kind", "preferred_dates"]
        widgets = {"preferred_dates": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "preferred_dates": _("For example: Tuesdays after 14:00, or the week of 9 March."),
        }

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if len(schools) == 1:
            self.fields["school"].initial = schools[0]


class AssignForm(forms.Form):
    adviser = forms.ModelChoiceField(label=_("Adviser"), queryset=None)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CounsellingRequest.Status.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Resource.Kind.choices
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("All tags"))] + [(tag, tag) for tag in tags]
