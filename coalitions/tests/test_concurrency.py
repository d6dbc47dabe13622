from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from coalitions import services
from coalitions.models import CoalitionMember
from coalitions.tests.factories import CoalitionFactory
from qnet.tests.factories import UserFactory


def test_the_member_limit_holds_under_concurrent_admissions(postgres, coordinator, world):
    coalition = CoalitionFactory(network=world.network, member_limit=3)
    people = UserFactory.create_batch(8)

    def admit(person):
        try:
            services.member_add(actor=coordinator, coalition=coalition, person=person)
            return True
        except ValidationError:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(admit, people))
    assert sum(results) == 3
    assert CoalitionMember.objects.filter(coalition=coalition).count() == 3


pytestmark = pytest.mark.django_db(transaction=True)
