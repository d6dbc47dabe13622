from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from qnet.models import Authority, Membership, Network, NetworkMembership, Role, School, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password("qnet-demo-2026")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    name = factory.Sequence(lambda n: f"Authority {n}")
    country = "DE"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"School {n}")
    city = "Demohausen"
    kind = School.Kind.SECONDARY
    official_id = factory.Sequence(lambda n: f"{n:07d}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    authority = factory.SubFactory(AuthorityFactory)
    time_zone = "Europe/Berlin"


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    school = factory.SubFactory(SchoolFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.SCHOOL_STAFF
    school = factory.SubFactory(SchoolFactory)


def membership_dates(network, school, *, since: date | None = None, until: date | None = None):
    """Give the school's membership in the network these dates (`since` defaults to a
    year before today, so that an `until` in the past is valid)."""
    today = timezone.localdate()
    NetworkMembership.objects.filter(network=network, school=school).update(
        since=since or today - timedelta(days=365), until=until
    )


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
