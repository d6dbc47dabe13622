"""The broker: its visibility timeout comes from the environment and must outlast a task;
mail tasks leave nothing behind in it."""

from django.conf import settings

from qnet.tasks import outbox_send_task
from qnet.tests.test_deploy_settings import PRODUCTION_ENV, _manage

PRINT_TIMEOUT = (
    "from django.conf import settings; "
    "print(settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'])"
)


def test_it_keeps_an_hour_by_default():
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS == {"visibility_timeout": 3600}


def test_it_reads_a_shorter_timeout_from_the_environment():
    result = _manage(
        "shell",
        "--verbosity=0",
        "-c",
        PRINT_TIMEOUT,
        env_overrides={
            **PRODUCTION_ENV,
            "CELERY_VISIBILITY_TIMEOUT": "75",
            "CELERY_TASK_TIME_LIMIT": "60",
            "CELERY_TASK_SOFT_TIME_LIMIT": "50",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "75"


def test_a_timeout_not_longer_than_the_task_time_limit_stops_the_process():
    result = _manage("check", env_overrides={**PRODUCTION_ENV, "CELERY_VISIBILITY_TIMEOUT": "600"})
    assert result.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT" in result.stderr


def test_mail_tasks_keep_no_result_in_the_broker():
    assert outbox_send_task.ignore_result is True
