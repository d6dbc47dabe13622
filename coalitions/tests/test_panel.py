import pytest

from coalitions.tests.factories import CounsellingRequestFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_my_coalitions_and_open_requests(login, staff_a, coalition, world):
    CounsellingRequestFactory(network=world.network, school=world.school_a, topic="Peer visits")
    content = login(staff_a).get("/").content.decode()
    assert "My coalitions" in content
    assert "Data against dropout" in content and "Peer visits" in content


def test_the_panel_stays_away_without_anything_to_show(login, outsider):
    assert "My coalitions" not in login(outsider).get("/").content.decode()
