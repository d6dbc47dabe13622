from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from qnet.models import LANGUAGE_CHOICES, Delivery, NoticeKind, Role, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=LANGUAGE_CHOICES, required=False
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


class EraseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account cannot be restored."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


# The kinds in the order of the preferences page, grouped by where they come from.
NOTICE_GROUPS = (
    (
        _("Self-assessment and follow-up"),
        (
            NoticeKind.SELFASSESSMENT_SUBMITTED,
            NoticeKind.SELFASSESSMENT_RETURNED,
            NoticeKind.SELFASSESSMENT_ACCEPTED,
            NoticeKind.DIALOGUE_PLANNED,
            NoticeKind.AGREEMENT_RECORDED,
            NoticeKind.AGREEMENT_CHANGED,
            NoticeKind.AGREEMENT_DUE,
            NoticeKind.AGREEMENT_OVERDUE,
            NoticeKind.AGREEMENT_PROPOSED,
            NoticeKind.AGREEMENT_PROPOSAL_REJECTED,
        ),
    ),
    (_("Quality reports"), (NoticeKind.REPORT_IN_REVIEW, NoticeKind.REPORT_PUBLISHED)),
    (_("Events"), (NoticeKind.EVENT_PUBLISHED,)),
    (
        _("Coalitions and counselling"),
        (
            NoticeKind.JOIN_REQUESTED,
            NoticeKind.JOIN_DECIDED,
            NoticeKind.COUNSELLING_ASSIGNED,
        ),
    ),
)


class NotificationPreferencesForm(forms.Form):
    """One choice per kind of notice: mail it at once, in the daily digest, or not."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _group, kinds in NOTICE_GROUPS:
            for kind in kinds:
                self.fields[kind] = forms.ChoiceField(
                    label=kind.label, choices=Delivery.choices, initial=Delivery.IMMEDIATELY
                )

    def groups(self):
        return [(title, [self[kind] for kind in kinds]) for title, kinds in NOTICE_GROUPS]
