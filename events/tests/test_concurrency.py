"""Capacity holds under concurrency: real threads, real row locks, on PostgreSQL.

The server allows 100 connections and is shared with other test runs, so the threads
start together but at most DB_SLOTS of them hold a connection at the same moment, like a
web server's connection pool; every registration still runs in its own transaction on its
own connection, closed when the thread ends.
"""

import threading
from collections import Counter

import pytest
from django.db import connection

from events import services
from events.models import Registration
from events.tests.factories import EventFactory, FormatFactory
from qnet.models import Role
from qnet.tests.factories import MembershipFactory, SchoolFactory, UserFactory

PEOPLE = 120
DB_SLOTS = 40

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(jobs):
    """Run callables in threads released together; returns (results, errors)."""
    barrier = threading.Barrier(len(jobs))
    slots = threading.BoundedSemaphore(DB_SLOTS)
    results, errors = [], []
    lock = threading.Lock()

    def worker(job):
        barrier.wait()
        with slots:
            try:
                outcome = job()
                with lock:
                    results.append(outcome)
            except Exception as error:  # noqa: BLE001 - any error fails the test below
                with lock:
                    errors.append(error)
            finally:
                connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def people_at(schools, count):
    people = []
    for index in range(count):
        person = UserFactory(email=f"racer{index}@example.org")
        MembershipFactory(user=person, role=Role.SCHOOL_STAFF, school=schools[index % len(schools)])
        people.append(person)
    return people


def register_job(event, person):
    return lambda: services.registration_create(actor=person, event=event).status


def test_120_simultaneous_registrations_for_30_seats_confirm_exactly_30(postgres, world):
    event = EventFactory(format=FormatFactory(network=world.network), capacity=30)
    people = people_at([world.school_a, world.school_b], PEOPLE)

    results, errors = run_at_once([register_job(event, person) for person in people])

    assert errors == []
    assert Counter(results) == {"confirmed": 30, "waitlisted": PEOPLE - 30}
    stored = Counter(event.registrations.values_list("status", flat=True))
    assert stored == {"confirmed": 30, "waitlisted": PEOPLE - 30}


def test_simultaneous_registrations_never_exceed_the_seats_per_school(postgres, world):
    schools = [world.school_a, world.school_b] + [
        SchoolFactory(authority=world.authority) for _ in range(3)
    ]
    event = EventFactory(
        format=FormatFactory(network=world.network), capacity=100, seats_per_school=10
    )
    people = people_at(schools, PEOPLE)

    results, errors = run_at_once([register_job(event, person) for person in people])

    assert errors == []
    confirmed = Counter(
        event.registrations.filter(status="confirmed").values_list("school_id", flat=True)
    )
    assert confirmed == {school.pk: 10 for school in schools}
    assert Counter(results) == {"confirmed": 50, "waitlisted": PEOPLE - 50}


def test_simultaneous_cancellations_promote_exactly_as_many_as_freed(postgres, world):
    event = EventFactory(format=FormatFactory(network=world.network), capacity=30)
    people = people_at([world.school_a, world.school_b], 60)
    for person in people:
        services.registration_create(actor=person, event=event)
    leaving = list(
        Registration.objects.filter(event=event, status="confirmed").select_related("person")[:12]
    )

    def cancel_job(registration):
        return lambda: (
            services.registration_cancel(
                actor=registration.person, registration=registration
            ).status
        )

    results, errors = run_at_once([cancel_job(registration) for registration in leaving])

    assert errors == []
    assert results == ["cancelled"] * 12
    stored = Counter(event.registrations.values_list("status", flat=True))
    assert stored == {"confirmed": 30, "waitlisted": 18, "cancelled": 12}
    # First in, first out: the 12 who waited longest are the ones promoted.
    waiting_order = [person.pk for person in people[30:]]
    promoted = set(
        event.registrations.filter(status="confirmed", person_id__in=waiting_order).values_list(
            "person_id", flat=True
        )
    )
    assert promoted == set(waiting_order[:12])
