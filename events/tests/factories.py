from datetime import timedelta

import factory
from django.utils import timezone

from events.models import AgendaItem, Event, Format, Kind, Registration
from qnet.tests.factories import NetworkFactory, UserFactory


class FormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Format

    network = factory.SubFactory(NetworkFactory)
    kind = Kind.COORDINATOR_MEETING
    name = factory.Sequence(lambda n: f"Format {n}")
    default_duration = timedelta(hours=3)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    format = factory.SubFactory(FormatFactory)
    network = factory.SelfAttribute("format.network")
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    status = Event.Status.PUBLISHED


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    kind = AgendaItem.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
