import pytest

from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db


def url(fmt):
    return f"/events/formats/{fmt.pk}/edit/"


def test_it_saves_changes(login, coordinator, fmt):
    response = login(coordinator).post(
        url(fmt), {"kind": fmt.kind, "name": "Coordinators' round", "duration_minutes": "120"}
    )
    assert response.status_code == 302
    fmt.refresh_from_db()
    assert fmt.name == "Coordinators' round" and fmt.default_duration.total_seconds() == 7200


def test_bad_input_is_refused(login, coordinator, fmt):
    response = login(coordinator).post(
        url(fmt), {"kind": fmt.kind, "name": "", "duration_minutes": "5"}
    )
    assert response.status_code == 200
    fmt.refresh_from_db()
    assert fmt.name == "Coordinator meeting"


def test_members_get_404(login, leader_a, fmt):
    # Formats are the coordinators' tools: nobody else can see them at all.
    assert login(leader_a).get(url(fmt)).status_code == 404


def test_it_answers_404_outside_the_scope(login, coordinator, world):
    assert (
        login(coordinator).get(url(FormatFactory(network=world.other_network))).status_code == 404
    )


def test_it_redirects_anonymous_to_login(client, fmt):
    assert client.get(url(fmt)).status_code == 302


def test_it_rejects_other_methods(login, coordinator, fmt):
    assert login(coordinator).delete(url(fmt)).status_code == 405
