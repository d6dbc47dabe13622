import pytest
from django.core.management import call_command

from coalitions.models import (
    CardDeck,
    Coalition,
    CoalitionMember,
    CounsellingRequest,
    Prioritisation,
    Resource,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_what_the_issue_asks_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Coalition.objects.count(), CoalitionMember.objects.count(), Resource.objects.count())
    call_command("seed_demo")
    assert counts == (
        Coalition.objects.count(),
        CoalitionMember.objects.count(),
        Resource.objects.count(),
    )
    assert Coalition.objects.filter(kind="coalition").count() == 3
    assert CardDeck.objects.get().cards.count() >= 8
    assert Prioritisation.objects.get(status="finished").school.name == "School A"
    learning = Coalition.objects.get(kind="learning_network")
    participants = learning.members.filter(role="member")
    assert participants.count() == 8
    assert participants.values("school").distinct().count() == 4
    assert learning.members.get(role="facilitator").person.email == "facilitator@example.org"
    assert all(m.learning_questions.exists() for m in participants)
    project = Coalition.objects.get(kind="project")
    assert project.members.exclude(school=None).values("school").distinct().count() == 20
    assert project.milestones.count() >= 4
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert CounsellingRequest.objects.values("status").distinct().count() == 2
