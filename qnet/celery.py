"""The Celery app. Settings come from Django's (CELERY_*); schedules are defined here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qnet.settings")

app = Celery("qnet")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Every periodic schedule of the portal, in one place. Apps add their entries here.
app.conf.beat_schedule = {
    "outbox-flush": {"task": "qnet.tasks.outbox_flush_task", "schedule": crontab(minute="*")},
    "notice-digests": {
        "task": "qnet.tasks.notice_digests_task",
        "schedule": crontab(hour=6, minute=45),
    },
    "coalitions-digest": {
        "task": "coalitions.tasks.digest_send_task",
        "schedule": crontab(hour=6, minute=30),
    },
    "events-reminders": {
        "task": "events.tasks.reminders_send_task",
        "schedule": crontab(minute="*/5"),
    },
    "events-retention": {
        "task": "events.tasks.registrations_anonymise_expired_task",
        "schedule": crontab(hour=3, minute=15),
    },
    "selfassessment-agreement-reminders": {
        "task": "selfassessment.tasks.agreement_reminders_task",
        "schedule": crontab(hour=6, minute=0),
    },
    "reports-renditions-requeue": {
        "task": "reports.tasks.renditions_requeue_stuck_task",
        "schedule": crontab(minute="*/10"),
    },
}
