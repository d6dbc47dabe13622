import factory
from allauth.account.models import EmailAddress

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
