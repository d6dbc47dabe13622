import pytest
from django.test import RequestFactory

from events.models import Registration
from events.panels import upcoming_events_panel
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_upcoming_events_with_the_users_state(login, leader_a, event):
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    response = login(leader_a).get("/")
    content = response.content.decode()
    assert "Upcoming events" in content and event.title in content
    assert "You are registered" in content


@pytest.mark.parametrize("count", [1, 12])
def test_the_panel_keeps_a_fixed_number_of_queries(
    login, leader_a, fmt, django_assert_num_queries, count
):
    for _ in range(count):
        EventFactory(format=fmt)
    request = RequestFactory().get("/")
    request.user = leader_a
    # Roles; what decides which events one sees (events.selectors.EventScope); the events.
    with django_assert_num_queries(4):
        template, context = upcoming_events_panel(request)
    assert template == "events/panels/upcoming.html"
    assert len(context["events"]) == min(count, 5)
