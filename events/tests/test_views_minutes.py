import pytest

from events import services
from events.models import Minutes

pytestmark = pytest.mark.django_db


def url(event):
    return f"/events/{event.pk}/minutes/"


def post_data(**changes):
    data = {
        "summary": "We met.",
        "decisions": "* Dates fixed",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "30",
        "actions-0-description": "Send dates",
        "actions-0-owner": "Clara",
        "actions-0-due_on": "2027-01-15",
    }
    data.update(changes)
    return data


def test_it_saves_a_draft_with_action_items(login, coordinator, past_event):
    client = login(coordinator)
    assert client.get(url(past_event)).status_code == 200
    response = client.post(url(past_event), post_data())
    assert response.status_code == 302
    minutes = Minutes.objects.get()
    assert minutes.summary == "We met." and minutes.action_items.get().owner == "Clara"
    assert "Send dates" in client.get(url(past_event)).content.decode()


def test_an_owner_without_an_action_is_refused(login, coordinator, past_event):
    response = login(coordinator).post(url(past_event), post_data(**{"actions-0-description": ""}))
    assert response.status_code == 200
    assert "Describe the action." in response.content.decode()
    assert not Minutes.objects.exists()


def test_final_minutes_send_the_coordinator_back_to_the_event(login, coordinator, past_event):
    services.minutes_save(
        actor=coordinator, event=past_event, summary="x", decisions="", action_items=[]
    )
    services.minutes_finalise(actor=coordinator, event=past_event)
    response = login(coordinator).get(url(past_event))
    assert response.status_code == 302 and response.url == f"/events/{past_event.pk}/"


def test_drafts_are_for_coordinators_final_minutes_for_everyone_who_sees_the_event(
    login, coordinator, leader_a, past_event
):
    services.minutes_save(
        actor=coordinator,
        event=past_event,
        summary="We **met**.",
        decisions="",
        action_items=[{"description": "Send dates"}],
    )
    detail = f"/events/{past_event.pk}/"
    assert b"We <strong>met</strong>." in login(coordinator).get(detail).content
    assert b"We <strong>met</strong>." not in login(leader_a).get(detail).content
    services.minutes_finalise(actor=coordinator, event=past_event)
    content = login(leader_a).get(detail).content
    assert b"We <strong>met</strong>." in content and b"Send dates" in content


def test_members_may_not_write_minutes(login, leader_a, past_event):
    assert login(leader_a).get(url(past_event)).status_code == 403


def test_it_redirects_anonymous_to_login(client, past_event):
    assert client.get(url(past_event)).status_code == 302


def test_it_answers_404_outside_the_scope(login, coordinator, other_event):
    assert login(coordinator).get(url(other_event)).status_code == 404


def test_it_rejects_other_methods(login, coordinator, past_event):
    assert login(coordinator).delete(url(past_event)).status_code == 405


def test_a_huge_form_count_builds_no_more_than_the_allowed_items(login, coordinator, past_event):
    # Django's own cap is max_num + 1,000 forms, built and shown again: seconds per request.
    response = login(coordinator).post(
        url(past_event), post_data(**{"actions-TOTAL_FORMS": "1" + "0" * 20})
    )
    assert response.status_code == 200
    assert len(response.context["items"].forms) <= 30
    assert not Minutes.objects.filter(event=past_event).exists()
