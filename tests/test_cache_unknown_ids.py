"""Requests for ids that do not exist, or that the visitor may not see, store nothing in
the cache: otherwise anyone could fill Redis with one entry (kept six hours) per random
id. The cache of the test run is local memory, whose entries can be counted."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from events.tests.factories import EventFactory, FormatFactory

# Every page whose cached reads are keyed by an id from the URL.
PAGES = ("events:detail", "events:calendar", "reports:detail", "reports:pdf")
UNKNOWN_IDS = range(900_001, 900_021)


def _entries() -> int:
    return len(cache._cache)


@pytest.mark.parametrize("persona", [None, "leader_a", "authority_staff"])
def test_unknown_and_hidden_ids_leave_no_cache_entries(client, login, world, persona, request):
    visitor = login(request.getfixturevalue(persona)) if persona else client
    hidden = EventFactory(format=FormatFactory(network=world.other_network))

    def visit(pk: int) -> None:
        for page in PAGES:
            response = visitor.get(reverse(page, args=[pk]))
            assert response.status_code in (302, 404), (page, response.status_code)

    # The first read makes the tables' generation tokens, once per table, not per id.
    visit(UNKNOWN_IDS[0])
    before = _entries()
    for pk in [*UNKNOWN_IDS[1:], hidden.pk]:
        visit(pk)
    assert _entries() == before
