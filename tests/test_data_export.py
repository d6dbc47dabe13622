"""Each persona's data export, in the permission matrix's world where everyone has acted
on things of others (invited a colleague or a guest, registered, decided, advised,
published): it names no one else and holds no one else's text."""

import pytest

from qnet import privacy
from qnet.models import User
from tests.permission_matrix.table import PERSONAS
from tests.permission_matrix.world import build

# Besides the accounts' names and addresses: what else in the world is someone's own, and
# whose export alone may hold it (None: a person without an account).
OWN_TEXTS = {
    "new-colleague@example.org": None,  # invited by leader A, not signed up yet
    "guest@example.org": None,  # the coordinator's guest
    "Gita Guest": None,
    "Where do we start?": "staff_a",  # staff A's post
    "Feedback culture": "leader_a",  # leader A's counselling request
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [name for name in PERSONAS if name != "anonymous"])
def test_an_export_holds_nothing_about_anyone_else(
    persona, request, world, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    build(world, personas)
    me = request.getfixturevalue(persona)
    text = privacy.user_data_json(user=me)

    for other in User.objects.exclude(pk=me.pk):
        assert other.email not in text, f"{persona}'s export names {other.email}"
        assert not other.full_name or other.full_name not in text, other.full_name
    for own, owner in OWN_TEXTS.items():
        if owner != persona:
            whose = owner or "someone without an account"
            assert own not in text, f"{persona}'s export holds “{own}” of {whose}"
