import pytest

from events import services
from events.models import Minutes

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/minutes/finalise/"


@pytest.fixture
def draft(coordinator, past_event):
    return services.minutes_save(
        actor=coordinator, event=past_event, summary="We met.", decisions="", action_items=[]
    )


def test_it_makes_the_minutes_final(login, coordinator, past_event, draft):
    assert login(coordinator).post(url(past_event)).status_code == 302
    assert Minutes.objects.get().status == "final"


def test_without_minutes_it_says_so(login, coordinator, past_event):
    response = login(coordinator).post(url(past_event), follow=True)
    assert b"Write the minutes first." in response.content


def test_members_may_not_finalise(login, leader_a, past_event, draft):
    assert login(leader_a).post(url(past_event)).status_code == 403
    assert Minutes.objects.get().status == "draft"


def test_it_redirects_anonymous_to_login(client, past_event):
    assert client.post(url(past_event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).post(url(other_event)).status_code == 404


def test_it_rejects_get(login, coordinator, past_event, draft):
    assert login(coordinator).get(url(past_event)).status_code == 405
