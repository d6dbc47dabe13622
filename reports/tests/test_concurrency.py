import threading

import pytest
from django.db import connection

from reports.models import Rendition
from reports.services import renditions


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_rendition_claim_it_once(postgres, published):
    rendition = Rendition.objects.get(report=published)
    # With real commits the eager task already ran at publishing: queue it again.
    Rendition.objects.filter(pk=rendition.pk).update(status="queued", attempts=0)
    barrier = threading.Barrier(4)
    claims = []

    def worker():
        try:
            barrier.wait()
            claims.append(renditions._claim(rendition.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claims) == [False, False, False, True]
    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts) == ("running", 1)
