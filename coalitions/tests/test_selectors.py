import pytest

from coalitions import selectors
from coalitions.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_coalitions_visible_to_matches_the_rules(
    personas, coalition, other_coalition, learning_network
):
    from coalitions.models import Coalition
    from coalitions.rules import can_view_coalition

    for user in vars(personas).values():
        visible = set(selectors.coalitions_visible_to(user))
        for each in Coalition.objects.all():
            assert (each in visible) == can_view_coalition(user, each), (user, each)


def test_anonymous_sees_only_public_resources(coalition):
    from django.contrib.auth.models import AnonymousUser

    public = ResourceFactory(coalition=coalition, visibility="public")
    ResourceFactory(coalition=coalition, visibility="network")
    assert list(selectors.resources_visible_to(AnonymousUser())) == [public]


def test_library_tags_are_the_visible_ones(leader_a, coalition, other_coalition):
    ResourceFactory(coalition=coalition, visibility="network", tags="data,dropout")
    ResourceFactory(coalition=other_coalition, visibility="network", tags="secret")
    assert selectors.library_tags(leader_a) == ["data", "dropout"]
