from datetime import timedelta

import pytest
from django.db import IntegrityError

from events.models import Registration, render_markdown
from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_an_end_before_the_start(fmt):
    event = EventFactory(format=fmt)
    event.ends_at = event.starts_at - timedelta(minutes=1)
    with pytest.raises(IntegrityError):
        event.save()


def test_the_database_refuses_two_active_registrations_of_one_person(event, leader_a):
    Registration.objects.create(event=event, person=leader_a, status="cancelled")
    Registration.objects.create(event=event, person=leader_a, status="confirmed")
    with pytest.raises(IntegrityError):
        Registration.objects.create(event=event, person=leader_a, status="waitlisted")


def test_markdown_is_sanitised():
    html = render_markdown(
        "# Title\n\n**bold** <img src=x onerror=alert(1)> [link](javascript:alert(1))"
    )
    assert "<strong>bold</strong>" in html
    assert "onerror" not in html and "javascript:" not in html and "<img" not in html
