"""Forms of events: validation only. Date-times are read in the time zone the view activates
(the network's), so coordinators type the wall time at the venue."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.models import (
    AgendaItem,
    Attachment,
    Audience,
    DatePollVote,
    GuestInvitation,
    Kind,
    Registration,
)
from qnet import bounds
from qnet.models import School

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _datetime(label, required=True, help_text=""):
    return bounds.DateTimeField(
        label=label, required=required, widget=DATETIME_WIDGET, help_text=help_text
    )


def _capacity(help_text):
    return bounds.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=bounds.MAX_CAPACITY,
        required=False,
        help_text=help_text,
    )


def _seats_per_school():
    return bounds.IntegerField(
        label=_("Seats per school"),
        min_value=1,
        max_value=bounds.MAX_SEATS_PER_SCHOOL,
        required=False,
        help_text=_("Empty for no limit."),
    )


class FormatForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    duration_minutes = forms.IntegerField(
        label=_("Default duration (minutes)"), min_value=15, max_value=60 * 24 * 5, initial=180
    )
    cadence = forms.CharField(
        label=_("Cadence"),
        max_length=200,
        required=False,
        help_text=_("For example: four times a year."),
    )
    default_capacity = bounds.IntegerField(
        label=_("Default capacity"),
        min_value=1,
        max_value=bounds.MAX_CAPACITY,
        required=False,
        help_text=_("Empty for no limit."),
    )
    seats_per_school = _seats_per_school()

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if networks is None:
            del self.fields["network"]
        else:
            self.fields["network"].queryset = networks

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "name": data["name"],
            "description": data["description"],
            "default_duration": timedelta(minutes=data["duration_minutes"]),
            "cadence": data["cadence"],
            "default_capacity": data["default_capacity"],
            "seats_per_school": data["seats_per_school"],
        }


def _reminder_days(value: str) -> list[int]:
    days = []
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 60:
            raise ValidationError(_("Enter whole numbers of days between 0 and 60, like “7, 1”."))
        days.append(int(part))
    return sorted(set(days), reverse=True)


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    starts_at = _datetime(_("Starts"))
    ends_at = _datetime(_("Ends"), required=False, help_text=_("Empty: the format's duration."))
    venue_name = forms.CharField(
        label=_("Venue"),
        max_length=200,
        required=False,
        help_text=_("Empty with a host school: the host school's name and city."),
    )
    venue_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered people."),
    )
    host_school = forms.ModelChoiceField(label=_("Host school"), queryset=None, required=False)
    capacity = _capacity(_("Empty for no limit."))
    seats_per_school = _seats_per_school()
    registration_opens_at = _datetime(_("Registration opens"), required=False)
    registration_closes_at = _datetime(_("Registration closes"), required=False)
    cancellation_deadline = _datetime(_("Cancellation deadline"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    invited_schools = forms.ModelMultipleChoiceField(
        label=_("Invited schools"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for the audience “Invited schools”."),
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before)"),
        required=False,
        initial="7, 1",
        help_text=_("Comma-separated, for example “7, 1”. Empty for no reminders."),
    )

    def __init__(self, *args, schools, default_duration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_duration = default_duration
        self.fields["host_school"].queryset = schools
        self.fields["invited_schools"].queryset = schools

    def clean_reminder_days(self):
        return _reminder_days(self.cleaned_data["reminder_days"])

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and not ends_at:
            if self.default_duration is None:
                self.add_error("ends_at", _("Enter the end."))
            else:
                data["ends_at"] = ends_at = starts_at + self.default_duration
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if data.get("audience") == Audience.INVITED and not data.get("invited_schools"):
            self.add_error("invited_schools", _("Choose the schools you invite."))
        return data

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_from_event(event) -> dict:
        initial = {
            name: getattr(event, name)
            for name in (
                "title",
                "description",
                "starts_at",
                "ends_at",
                "venue_name",
                "venue_address",
                "online_url",
                "host_school",
                "capacity",
                "seats_per_school",
                "registration_opens_at",
                "registration_closes_at",
                "cancellation_deadline",
                "audience",
            )
        }
        initial["invited_schools"] = list(event.invited_schools.all())
        initial["reminder_days"] = ", ".join(str(day) for day in event.reminder_days)
        return initial


class SeriesForm(forms.Form):
    """The series' meetings, and the host schools in the turn the coordinator gives them
    (a number per school), not in the order a list happens to show them."""

    HOST_PREFIX = "host_turn_"

    title = forms.CharField(label=_("Title"), max_length=180)
    first_starts_at = _datetime(_("First meeting starts"))
    count = forms.IntegerField(label=_("Number of meetings"), min_value=1, max_value=20, initial=5)
    interval_weeks = forms.IntegerField(
        label=_("Weeks between meetings"), min_value=1, max_value=26, initial=6
    )
    venue_name = forms.CharField(
        label=_("Venue"),
        max_length=200,
        required=False,
        help_text=_("Empty: each meeting is held at its host school."),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = list(schools)
        for school in self.schools:
            self.fields[f"{self.HOST_PREFIX}{school.pk}"] = forms.IntegerField(
                label=school.name, min_value=1, max_value=99, required=False
            )

    def host_fields(self) -> list:
        return [self[f"{self.HOST_PREFIX}{school.pk}"] for school in self.schools]

    def clean(self):
        data = super().clean()
        turns = [
            data.get(f"{self.HOST_PREFIX}{school.pk}")
            for school in self.schools
            if data.get(f"{self.HOST_PREFIX}{school.pk}") is not None
        ]
        if len(turns) != len(set(turns)):
            raise ValidationError(_("Give each host school a turn of its own."))
        return data

    def host_rotation(self) -> list[School]:
        """The host schools in turn order: the one numbered lowest hosts the first meeting."""
        numbered = [
            (self.cleaned_data[f"{self.HOST_PREFIX}{school.pk}"], school)
            for school in self.schools
            if self.cleaned_data.get(f"{self.HOST_PREFIX}{school.pk}") is not None
        ]
        return [school for _turn, school in sorted(numbered, key=lambda pair: pair[0])]

    def starts(self) -> list:
        first = self.cleaned_data["first_starts_at"]
        step = timedelta(weeks=self.cleaned_data["interval_weeks"])
        return [first + step * index for index in range(self.cleaned_data["count"])]


class CopyForm(forms.Form):
    starts_at = _datetime(_("New start"))


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = _datetime(_("Starts"))
    ends_at = _datetime(_("Ends"))
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    moderator = forms.CharField(label=_("Moderator"), max_length=200, required=False)
    capacity = _capacity(_("For workshops; empty for no limit."))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class RegistrationForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Who takes part"), coerce=int)
    workshops = forms.ModelMultipleChoiceField(
        label=_("Workshops"),
        queryset=AgendaItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes for the coordinators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_notes = forms.CharField(label=_("Dietary requirements"), max_length=300, required=False)
    accessibility_notes = forms.CharField(
        label=_("Accessibility needs"), max_length=300, required=False
    )

    def __init__(self, *args, user, colleagues, agenda, include_self=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in colleagues}
        choices = [(person.pk, str(person)) for person in colleagues]
        if include_self:
            self.people[user.pk] = user
            choices.insert(0, (user.pk, _("Myself")))
        self.fields["person"].choices = choices
        if choices:
            self.fields["person"].initial = choices[0][0]
        workshops = [item for item in agenda if item.kind == AgendaItem.Kind.WORKSHOP]
        self.workshop_items = workshops
        if workshops:
            self.fields["workshops"].queryset = AgendaItem.objects.filter(
                pk__in=[item.pk for item in workshops]
            )
            # Labels from the already loaded agenda: no query per checkbox.
            self.fields["workshops"].choices = [
                (item.pk, self._workshop_label(item)) for item in workshops
            ]
        else:
            del self.fields["workshops"]

    @staticmethod
    def _workshop_label(item) -> str:
        if item.capacity is None:
            return item.title
        free = max(item.capacity - getattr(item, "taken", 0), 0)
        if free == 0:
            return _("%(title)s (full)") % {"title": item.title}
        return _("%(title)s (%(free)s of %(capacity)s seats free)") % {
            "title": item.title,
            "free": free,
            "capacity": item.capacity,
        }

    def clean_person(self):
        return self.people[self.cleaned_data["person"]]


class ApologyForm(forms.Form):
    apology = forms.CharField(
        label=_("Apology (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttendanceForm(forms.Form):
    """One choice per registration, named by its id."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not recorded"))] + list(Registration.Attendance.choices)
        for registration in registrations:
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.participant_label,
                choices=choices,
                required=False,
                initial=registration.attendance,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def marks(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class MonthForm(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)
    kind = forms.ChoiceField(choices=[("", "")] + list(Kind.choices), required=False)


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("All formats"))] + list(Kind.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class DatePollForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DatePollOptionForm(forms.Form):
    starts_at = _datetime(_("Starts"), required=False)
    ends_at = _datetime(_("Ends"), required=False)
    venue_name = forms.CharField(label=_("Venue"), max_length=200, required=False)
    host_school = forms.ModelChoiceField(
        label=_("Host school"), queryset=School.objects.none(), required=False
    )

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        if schools is not None:
            self.fields["host_school"].queryset = schools

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if ends_at and not starts_at:
            self.add_error("starts_at", _("Enter the start."))
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class BaseDatePollOptionFormSet(forms.BaseFormSet):
    def __init__(self, *args, default_duration=None, **kwargs):
        self.default_duration = default_duration
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        if not self.options():
            raise ValidationError(_("Offer at least one date."))

    def options(self) -> list[dict]:
        chosen = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("starts_at"):
                continue
            option = dict(data)
            if not option.get("ends_at"):
                option["ends_at"] = option["starts_at"] + self.default_duration
            chosen.append(option)
        return chosen


# absolute_max: a posted TOTAL_FORMS of 10**20 otherwise builds (and shows again) max_num
# plus Django's 1,000 forms; the minutes page took seconds per request.
DatePollOptionFormSet = forms.formset_factory(
    DatePollOptionForm, formset=BaseDatePollOptionFormSet, extra=4, max_num=12, absolute_max=12
)


class DatePollVoteForm(forms.Form):
    """One yes / if need be / no choice per option, named by the option's id."""

    def __init__(self, *args, options, own, **kwargs):
        super().__init__(*args, **kwargs)
        for option in options:
            self.fields[f"o{option.pk}"] = forms.ChoiceField(
                label=str(option.pk),
                choices=DatePollVote.Answer.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=own.get(option.pk),
            )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists and links."),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One decision per line, for example as a list."),
    )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300, required=False)
    owner = forms.CharField(label=_("Who"), max_length=200, required=False)
    due_on = bounds.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if (data.get("owner") or data.get("due_on")) and not data.get("description"):
            self.add_error("description", _("Describe the action."))
        return data


class BaseActionItemFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("description")
        ]


# absolute_max: see DatePollOptionFormSet.
ActionItemFormSet = forms.formset_factory(
    ActionItemForm, formset=BaseActionItemFormSet, extra=3, max_num=30, absolute_max=30
)


class ParticipantsMailForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            ("confirmed", _("Everyone with a confirmed seat")),
            ("all", _("Confirmed and waiting list")),
        ],
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


class GuestInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=GuestInvitation.Role.choices)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG or an office document; at most 10 MB."),
    )


class AgendaProposalForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=200)
    description = forms.CharField(
        label=_("Why and what (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
