"""A large export is read by a real Celery worker, and the page's progress comes from it."""

import time
from unittest import mock

import pytest
from celery import Celery
from django.db import connection

from qnet.tests.worker import REDIS_URL
from selfassessment.models import ResultImport
from selfassessment.tests.import_helpers import udir_schools, upload


@pytest.mark.worker
def test_a_large_export_is_read_by_a_real_worker(
    postgres, start_worker, authority_staff, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.RESULTS_IMPORT_INLINE_BYTES = 100  # every file is "large"
    udir_schools(world.authority)
    database = connection.settings_dict
    queue = start_worker(
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
        MEDIA_ROOT=str(tmp_path),
    )
    # Tests run tasks eagerly; here the upload only queues, and the real worker reads.
    with mock.patch("selfassessment.tasks.result_import_read_task.delay_on_commit"):
        result_import = upload(authority_staff, world.authority)
    assert result_import.state == ResultImport.State.QUEUED
    client = Celery("qnet-test-client", broker=REDIS_URL)
    client.conf.update(task_serializer="json", accept_content=["json"])
    client.send_task(
        "selfassessment.tasks.result_import_read_task", args=[result_import.pk], queue=queue
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        result_import.refresh_from_db()
        if result_import.state not in (ResultImport.State.QUEUED, ResultImport.State.READING):
            break
        time.sleep(0.2)
    assert result_import.state == ResultImport.State.READY
    assert result_import.progress == 100
    assert result_import.preview["rows_read"] == 55
    assert result_import.preview["schools_matched"] == 21
