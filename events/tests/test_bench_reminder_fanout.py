import pytest
from django.core.management import CommandError, call_command

from events import services
from events.management.commands.bench_reminder_fanout import seed_due_reminders
from qnet.models import OutboxMessage


@pytest.mark.django_db
def test_it_seeds_reminders_that_the_real_service_sends_once_each():
    _network, expected = seed_due_reminders(30, 4)

    assert services.reminders_send(limit=7) == 30

    mails = dict(OutboxMessage.objects.values_list("dedupe_key", "to"))
    assert mails == expected
    assert len(set(expected.values())) == 30  # one address per (person, kind)


@pytest.mark.django_db
def test_it_refuses_to_run_without_a_broker(tmp_path):
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("bench_reminder_fanout", "--mail-dir", str(tmp_path))
