"""Every URL of the project, asked by every persona with GET and POST: one table.

The table (tests/permission_matrix/table.py) says what DESIGN.md's "Who may do what"
means for each URL; the world (world.py) holds one real object of every kind a URL
needs. The routes come from walking the resolver (routes.py): a URL added to the
project without a row fails here, naming the URL, and every URL with arguments is also
asked for objects that do not exist.
"""

import pytest
from django.urls import reverse

from qnet.models import NetworkMembership, Role
from qnet.tests.factories import (
    MembershipFactory,
    NetworkMembershipFactory,
    SchoolFactory,
    UserFactory,
    days_from_today,
    membership_dates,
)
from tests.permission_matrix.routes import THIRD_PARTY_PREFIXES, project_routes, unknown_path
from tests.permission_matrix.runner import answers, ask
from tests.permission_matrix.table import (
    ANONYMOUS_REDIRECTS,
    NO_PAGE,
    PERSONAS,
    ROWS,
    UNKNOWN_OBJECT_PERSONAS,
)
from tests.permission_matrix.world import build


def test_every_url_of_the_project_has_a_row():
    names = {route.name or route.route for route in project_routes()}
    in_table = {row.name for row in ROWS}
    missing = sorted(names - in_table)
    gone = sorted(in_table - names)
    assert not missing, (
        f"URLs without a row in tests/permission_matrix/table.py: {missing}. "
        "Add one row per URL (how: see the table's docstring); the third-party trees "
        f"left out are {sorted(THIRD_PARTY_PREFIXES)}."
    )
    assert not gone, f"Rows for URLs that no longer exist: {gone}"


def test_the_walk_finds_every_app():
    # An empty or half walk would let the row check above pass with nothing to check.
    prefixes = {route.route.split("/", 1)[0] for route in project_routes()}
    assert {"events", "coalitions", "self-assessment", "reports", "organisations"} <= prefixes


def test_each_row_is_named_once():
    labels = [row.label for row in ROWS]
    assert len(labels) == len(set(labels)), sorted(
        {label for label in labels if labels.count(label) > 1}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_designed(
    persona, request, world, personas, client, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    w = build(world, personas)
    if persona != "anonymous":
        login(request.getfixturevalue(persona))
    # A view that crashes is a finding of the matrix (a 500), not an error of the test.
    client.raise_request_exception = False
    found = answers(client, w, ROWS, persona)
    wrong = [
        f"{answer}: expected {answer.expected}, got {answer.status}"
        for answer in found
        if answer.status != answer.expected
    ]
    assert not wrong, f"{persona}: {len(wrong)} of {len(found)} answers differ:\n" + "\n".join(
        wrong
    )
    if persona == "anonymous":
        login_url = reverse("account_login")
        elsewhere = [
            f"{answer} -> {answer.location}"
            for answer in found
            if answer.status == 302
            and answer.row.name not in ANONYMOUS_REDIRECTS
            and not answer.location.startswith(login_url)
        ]
        assert not elsewhere, "Anonymous redirects that are not the login page:\n" + "\n".join(
            elsewhere
        )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", UNKNOWN_OBJECT_PERSONAS)
def test_objects_that_do_not_exist_are_no_page_for_anyone(persona, request, client, login):
    """The world's rows prove the answers for real objects; this asks every route with
    arguments for ids nobody has and tokens never issued, so a view that trusts its
    arguments (a 500, or someone's page for a guessed link) fails the day it is added."""
    if persona != "anonymous":
        login(request.getfixturevalue(persona))
    client.raise_request_exception = False
    login_url = reverse("account_login")
    wrong = []
    for route in project_routes():
        if "<" not in route.route:
            continue
        path = unknown_path(route.route)
        for method in ("get", "post"):
            status, location = ask(client, method, path)
            if status not in NO_PAGE:
                wrong.append(f"{method.upper()} {path} ({route.name}): {status}")
            elif (
                persona == "anonymous"
                and status == 302
                and route.name not in ANONYMOUS_REDIRECTS
                and not location.startswith(login_url)
            ):
                wrong.append(f"{method.upper()} {path} ({route.name}): -> {location}")
    assert not wrong, f"{persona}, unknown objects:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_a_school_that_left_its_network_answers_like_one_that_never_joined(
    world, personas, client, login, settings, tmp_path
):
    """The table has no column for the people of a school that has left its network
    (NetworkMembership.until has passed): on every URL they must get what the people of
    a school outside the network get, by GET and by POST."""
    settings.MEDIA_ROOT = tmp_path
    w = build(world, personas)
    school = SchoolFactory(authority=world.authority, name="School C")
    leader = UserFactory(email="leader-c@example.org", full_name="Cas Claes")
    MembershipFactory(user=leader, role=Role.SCHOOL_LEADER, school=school)
    NetworkMembershipFactory(network=w.network, school=school, since=days_from_today(-365))
    login(leader)
    client.raise_request_exception = False
    # While School C is in the network, its leader sees the network's meeting.
    assert client.get(reverse("events:detail", args=[w.event.pk])).status_code == 200
    membership_dates(w.network, school, until=days_from_today(-1))
    # The expected codes of `answers` are some persona's; only the statuses count here.
    left = answers(client, w, ROWS, "leader_a")
    NetworkMembership.objects.filter(school=school).delete()
    never = answers(client, w, ROWS, "leader_a")
    differ = [
        f"{after}: {after.status} after leaving, {outside.status} never in the network"
        for after, outside in zip(left, never, strict=True)
        if after.status != outside.status
    ]
    assert not differ, "\n".join(differ)
