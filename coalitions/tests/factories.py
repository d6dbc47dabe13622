import factory
from django.utils import timezone

from coalitions.models import (
    Card,
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    LearningQuestion,
    Milestone,
    Post,
    Prioritisation,
    PrioritisationPick,
    ProgressNote,
    Resource,
    Thread,
)
from qnet.markup import render_markdown
from qnet.tests.factories import NetworkFactory, SchoolFactory, UserFactory


class CoalitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalition

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Coalition {n}")
    central_question = "How do we keep students on board?"
    status = Coalition.Status.ACTIVE


class CoalitionMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoalitionMember

    coalition = factory.SubFactory(CoalitionFactory)
    person = factory.SubFactory(UserFactory)
    school = None
    role = CoalitionMember.Role.MEMBER


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Thread {n}")
    created_by = factory.SubFactory(UserFactory)
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Post number {n}")
    body_html = factory.LazyAttribute(lambda post: render_markdown(post.body))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    coalition = factory.SubFactory(CoalitionFactory)
    kind = Resource.Kind.GOOD_PRACTICE
    title = factory.Sequence(lambda n: f"Resource {n}")
    link = factory.Sequence(lambda n: f"https://example.org/resource/{n}")
    visibility = Resource.Visibility.COALITION
    school = factory.SubFactory(SchoolFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    coalition = factory.SubFactory(CoalitionFactory, kind=Coalition.Kind.PROJECT)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyFunction(timezone.localdate)


class CardDeckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardDeck

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Deck {n}")


class CardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Card

    deck = factory.SubFactory(CardDeckFactory)
    front = factory.Sequence(lambda n: f"Question {n}?")
    back = "Try this."
    order = factory.Sequence(lambda n: n)


class PrioritisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Prioritisation

    deck = factory.SubFactory(CardDeckFactory)
    school = factory.SubFactory(SchoolFactory)


class PrioritisationPickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrioritisationPick

    prioritisation = factory.SubFactory(PrioritisationFactory)
    card = factory.SubFactory(CardFactory)
    rank = 1


class LearningQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningQuestion

    member = factory.SubFactory(CoalitionMemberFactory)
    text = factory.Sequence(lambda n: f"Learning question {n}")


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressNote

    question = factory.SubFactory(LearningQuestionFactory)
    author = factory.SubFactory(UserFactory)
    text = "A step forward."
    noted_on = factory.LazyFunction(timezone.localdate)


class CounsellingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CounsellingRequest

    network = factory.SubFactory(NetworkFactory)
    school = factory.SubFactory(SchoolFactory)
    requested_by = factory.SubFactory(UserFactory)
    topic = factory.Sequence(lambda n: f"Topic {n}")
    kind = CounsellingRequest.Kind.PROCESS
