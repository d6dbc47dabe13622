"""The coalitions' test world, on top of the root conftest's personas.

- `coalition`: an active coalition of the Demo network; leader_b leads, staff_a is a member.
- `learning_network`: a closed learning network; the facilitator facilitates, leader_a and
  staff_a take part (leader_a's question is private, staff_a's shared).
- `project`: a Werkstatt project with a milestone.
"""

from types import SimpleNamespace

import pytest

from coalitions.models import Coalition, CoalitionMember
from coalitions.tests.factories import (
    CardDeckFactory,
    CardFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    LearningQuestionFactory,
    MilestoneFactory,
    PrioritisationFactory,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def coalition(world, leader_b, staff_a):
    coalition = CoalitionFactory(network=world.network, title="Data against dropout")
    CoalitionMemberFactory(
        coalition=coalition, person=leader_b, school=world.school_b, role=CoalitionMember.Role.LEAD
    )
    CoalitionMemberFactory(coalition=coalition, person=staff_a, school=world.school_a)
    return coalition


@pytest.fixture
def other_coalition(world):
    return CoalitionFactory(network=world.other_network, title="Fjord coalition")


@pytest.fixture
def learning_network(world, facilitator, leader_a, staff_a):
    network = CoalitionFactory(
        network=world.network,
        title="Learning culture",
        kind=Coalition.Kind.LEARNING_NETWORK,
        is_closed_group=True,
    )
    CoalitionMemberFactory(
        coalition=network, person=facilitator, role=CoalitionMember.Role.FACILITATOR
    )
    member_a = CoalitionMemberFactory(coalition=network, person=leader_a, school=world.school_a)
    member_s = CoalitionMemberFactory(coalition=network, person=staff_a, school=world.school_a)
    return SimpleNamespace(
        coalition=network,
        private_question=LearningQuestionFactory(member=member_a, text="Lea's private question"),
        shared_question=LearningQuestionFactory(
            member=member_s, text="Sam's shared question", shared_with_group=True
        ),
    )


@pytest.fixture
def project(world, leader_b):
    project = CoalitionFactory(
        network=world.network, title="Werkstatt", kind=Coalition.Kind.PROJECT
    )
    CoalitionMemberFactory(
        coalition=project, person=leader_b, school=world.school_b, role=CoalitionMember.Role.LEAD
    )
    MilestoneFactory(coalition=project, title="Kick-off")
    return project


@pytest.fixture
def deck(coalition):
    deck = CardDeckFactory(coalition=coalition, title="Grip on dropout")
    for n in range(1, 5):
        CardFactory(deck=deck, front=f"Card {n}?", back=f'=HYPERLINK("x") {n}', order=n)
    return deck


@pytest.fixture
def prioritisation(deck, world, leader_a):
    """School A's open prioritisation of the deck."""
    return PrioritisationFactory(deck=deck, school=world.school_a, created_by=leader_a)
