"""Forms of a series as a whole."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SeriesRegistrationForm(forms.Form):
    """Whom to register for every upcoming meeting: oneself, or (a school leader) a
    colleague of the schools she leads."""

    person = forms.TypedChoiceField(label=_("Who takes part"), coerce=int)

    def __init__(self, *args, user, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            (user.pk, _("Myself")),
            *((c.pk, str(c)) for c in colleagues),
        ]
        self.fields["person"].initial = user.pk
        self.people = {user.pk: user, **{colleague.pk: colleague for colleague in colleagues}}

    def chosen(self):
        return self.people[self.cleaned_data["person"]]
