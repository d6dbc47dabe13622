from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import DatePoll
from events.tests.factories import FormatFactory

pytestmark = pytest.mark.django_db

URL = "/events/polls/new/"


def local(value, fmt):
    return timezone.localtime(value, fmt.network.tzinfo).strftime("%Y-%m-%dT%H:%M")


def data(fmt, *starts, **extra):
    values = {
        "title": "Extra meeting",
        "options-TOTAL_FORMS": "4",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "12",
    }
    for index, start in enumerate(starts):
        values[f"options-{index}-starts_at"] = local(start, fmt)
    values.update(extra)
    return values


def test_it_opens_a_poll_with_the_filled_dates(login, coordinator, fmt):
    start = timezone.now() + timedelta(days=20)
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}", data(fmt, start, start + timedelta(days=7))
    )
    poll = DatePoll.objects.get()
    assert response.status_code == 302 and response.url == f"/events/polls/{poll.pk}/"
    first = poll.options.first()
    assert first.ends_at - first.starts_at == fmt.default_duration
    assert poll.options.count() == 2


def test_a_poll_without_dates_is_refused(login, coordinator, fmt):
    response = login(coordinator).post(f"{URL}?format={fmt.pk}", data(fmt))
    assert response.status_code == 200
    assert "Offer at least one date." in response.content.decode()
    assert not DatePoll.objects.exists()


def test_an_end_before_the_start_is_refused(login, coordinator, fmt):
    start = timezone.now() + timedelta(days=20)
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}",
        data(fmt, start, **{"options-0-ends_at": local(start - timedelta(hours=1), fmt)}),
    )
    assert "The end must be after the start." in response.content.decode()
    assert not DatePoll.objects.exists()


def test_it_offers_formats_first(login, coordinator, fmt):
    assert fmt.name in login(coordinator).get(URL).content.decode()


def test_members_may_not_open_polls(login, leader_a):
    assert login(leader_a).get(URL).status_code == 403


def test_it_answers_404_for_another_networks_format(login, coordinator, world):
    foreign = FormatFactory(network=world.other_network)
    assert login(coordinator).get(URL, {"format": foreign.pk}).status_code == 404


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_other_methods(login, coordinator):
    assert login(coordinator).delete(URL).status_code == 405


def test_a_huge_form_count_builds_no_more_than_the_allowed_dates(login, coordinator, fmt):
    response = login(coordinator).post(
        f"{URL}?format={fmt.pk}", data(fmt, **{"options-TOTAL_FORMS": "1" + "0" * 20})
    )
    assert response.status_code == 200
    assert len(response.context["options"].forms) <= 12
    assert not DatePoll.objects.exists()
