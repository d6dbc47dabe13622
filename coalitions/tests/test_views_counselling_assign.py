import pytest

from coalitions.models import CoalitionMember
from coalitions.tests.factories import CoalitionMemberFactory, CounsellingRequestFactory
from qnet.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def counselling(world, leader_a):
    return CounsellingRequestFactory(network=world.network, school=world.school_a)


def url(counselling):
    return f"/coalitions/counselling/{counselling.pk}/assign/"


def test_the_coordinator_assigns_an_expert(login, coordinator, counselling, coalition, facilitator):
    CoalitionMemberFactory(
        coalition=coalition, person=facilitator, role=CoalitionMember.Role.EXPERT
    )
    response = login(coordinator).post(
        url(counselling), {"assign-adviser": facilitator.pk, "assign-notes": "Hi"}
    )
    assert response.status_code == 302
    counselling.refresh_from_db()
    assert counselling.adviser == facilitator and counselling.status == "assigned"
    assert AuditEntry.objects.filter(action="counselling.assign")


def test_it_refuses_someone_who_is_no_adviser(login, coordinator, counselling, leader_b):
    login(coordinator).post(url(counselling), {"assign-adviser": leader_b.pk})
    counselling.refresh_from_db()
    assert counselling.adviser is None


def test_it_redirects_anonymous_to_login(client, counselling):
    assert client.post(url(counselling)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, counselling):
    assert login(outsider).post(url(counselling)).status_code == 404


def test_it_forbids_the_school(login, leader_a, counselling, coordinator):
    assert (
        login(leader_a).post(url(counselling), {"assign-adviser": coordinator.pk}).status_code
        == 403
    )


def test_it_rejects_get(login, coordinator, counselling):
    assert login(coordinator).get(url(counselling)).status_code == 405
