"""One date and number format per language (qnet/formats), on pages and in mails."""

from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import formats, translation

from qnet.formats import CUSTOM_FORMATS
from qnet.models import OutboxMessage

MOMENT = datetime(2026, 12, 4, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))

EXPECTED = {
    "en": {
        "DATE_FORMAT": "4 December 2026",
        "SHORT_DATE_FORMAT": "4 Dec 2026",
        "DATETIME_FORMAT": "4 December 2026, 14:30",
        "SHORT_DATETIME_FORMAT": "4 Dec 2026, 14:30",
        "WEEKDAY_DATETIME_FORMAT": "Fri 4 Dec 2026, 14:30",
        "WEEKDAY_MONTH_DAY_FORMAT": "Friday 4 December",
        "SHORT_MONTH_DAY_FORMAT": "4 Dec",
        "number": "1,234.5",
    },
    "de": {
        "DATE_FORMAT": "4. Dezember 2026",
        "SHORT_DATE_FORMAT": "04.12.2026",
        "DATETIME_FORMAT": "4. Dezember 2026, 14:30",
        "SHORT_DATETIME_FORMAT": "04.12.2026, 14:30",
        "WEEKDAY_DATETIME_FORMAT": "Fr., 4. Dez. 2026, 14:30",
        "WEEKDAY_MONTH_DAY_FORMAT": "Freitag, 4. Dezember",
        "SHORT_MONTH_DAY_FORMAT": "4.12.",
        "number": "1.234,5",
    },
    "nl": {
        "DATE_FORMAT": "4 december 2026",
        "SHORT_DATE_FORMAT": "04-12-2026",
        "DATETIME_FORMAT": "4 december 2026, 14:30",
        "SHORT_DATETIME_FORMAT": "04-12-2026 14:30",
        "WEEKDAY_DATETIME_FORMAT": "vr 4 dec 2026, 14:30",
        "WEEKDAY_MONTH_DAY_FORMAT": "vrijdag 4 december",
        "SHORT_MONTH_DAY_FORMAT": "4-12",
        "number": "1.234,5",
    },
    "nb": {
        "DATE_FORMAT": "4. desember 2026",
        "SHORT_DATE_FORMAT": "04.12.2026",
        "DATETIME_FORMAT": "4. desember 2026, 14:30",
        "SHORT_DATETIME_FORMAT": "04.12.2026, 14:30",
        "WEEKDAY_DATETIME_FORMAT": "fre. 4. des. 2026, 14:30",
        "WEEKDAY_MONTH_DAY_FORMAT": "fredag 4. desember",
        "SHORT_MONTH_DAY_FORMAT": "4.12.",
        "number": "1\xa0234,5",
    },
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_every_language_has_a_format_module_with_every_named_format():
    assert sorted(EXPECTED) == sorted(LANGUAGES)
    for language in LANGUAGES:
        module = import_module(f"qnet.formats.{language}.formats")
        for name in CUSTOM_FORMATS:
            assert getattr(module, name, None), (language, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_and_numbers_are_written_the_languages_way(language):
    with translation.override(language):
        for name, expected in EXPECTED[language].items():
            if name == "number":
                got = formats.number_format(Decimal("1234.5"), 1, force_grouping=True)
            else:
                got = formats.date_format(MOMENT, name)
            assert got == expected, (language, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_times_use_the_24_hour_clock(language):
    with translation.override(language):
        assert formats.time_format(MOMENT.time(), "TIME_FORMAT") == "14:30"


def test_english_reads_typed_dates_day_first():
    with translation.override("en"):
        assert "%d/%m/%Y" in formats.get_format("DATE_INPUT_FORMATS")
        assert "%m/%d/%Y" not in formats.get_format("DATE_INPUT_FORMATS")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "4 December 2026"),
        ("de", "4. Dezember 2026"),
        ("nl", "4 december 2026"),
        ("nb", "4. desember 2026"),
    ],
)
def test_a_mail_dates_in_the_recipients_language(language, expected):
    from qnet.models import NoticeKind
    from qnet.notifications import notice_send
    from qnet.tests.factories import UserFactory

    leader = UserFactory(preferred_language=language)
    # Sent from a request (or a worker) in English: the mail follows its reader.
    with translation.override("en"):
        notice_send(
            recipients=[leader],
            kind=NoticeKind.AGREEMENT_DUE,
            url="/self-assessment/agreements/1/",
            params={
                "school": "School A",
                "action": "Weekly reading sessions",
                "due_on": date(2026, 12, 4).isoformat(),
            },
        )
    message = OutboxMessage.objects.get(to=leader.email)
    assert expected in message.body_text
    assert expected in message.body_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Fri 4 Dec 2026, 14:30"),
        ("de", "Fr., 4. Dez. 2026, 14:30"),
        ("nl", "vr 4 dec 2026, 14:30"),
        ("nb", "fre. 4. des. 2026, 14:30"),
    ],
)
def test_an_event_page_shows_its_start_in_the_readers_language(
    language, expected, login, coordinator, world
):
    from events.tests.factories import EventFactory

    world.network.time_zone = "Europe/Berlin"
    world.network.save(update_fields=["time_zone"])
    event = EventFactory(network=world.network, status="published", starts_at=MOMENT)
    coordinator.preferred_language = language
    coordinator.save(update_fields=["preferred_language"])
    response = login(coordinator).get(f"/events/{event.pk}/")
    assert response.status_code == 200
    assert expected in response.content.decode()
