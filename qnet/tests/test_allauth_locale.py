"""allauth's pages and mails read well in every language: its "Code" is not our measure's
"Kürzel", and its mails greet from qnet in the recipient's language."""

import pytest
from django.urls import reverse

from qnet.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_the_totp_setup_page_in_german_asks_for_a_code_not_a_kuerzel(client, leader_a):
    leader_a.preferred_language = "de"
    leader_a.save(update_fields=["preferred_language"])
    client.post(reverse("account_login"), {"login": leader_a.email, "password": "qnet-demo-2026"})
    # Setting up a second factor asks for the password once more.
    reauthenticate = client.get(reverse("mfa_activate_totp"))["Location"]
    client.post(reauthenticate, {"password": "qnet-demo-2026"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kürzel" not in page
    assert "Code" in page


def test_the_totp_sign_in_step_in_german_asks_for_a_code(client, authority_staff):
    response = client.post(
        reverse("account_login"),
        {"login": authority_staff.email, "password": "qnet-demo-2026"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 302
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Kürzel" not in page
    assert 'name="code"' in page


def test_the_measure_code_is_still_a_kuerzel_in_german(login, authority_staff, world):
    from selfassessment.models import Measure

    Measure.objects.create(authority=world.authority, code="reading", name="Reading", threshold=48)
    authority_staff.preferred_language = "de"
    authority_staff.save(update_fields=["preferred_language"])
    page = login(authority_staff).get("/self-assessment/measures/").content.decode()
    assert "Kürzel" in page


@pytest.mark.parametrize(
    ("language", "greeting"),
    [
        ("en", "Hello from qnet!"),
        ("de", "Hallo von qnet!"),
        ("nl", "Hallo van qnet!"),
        ("nb", "Hei fra qnet!"),
    ],
)
def test_a_password_reset_mail_greets_from_qnet_in_the_recipients_language(
    client, leader_a, language, greeting
):
    leader_a.preferred_language = language
    leader_a.save(update_fields=["preferred_language"])
    # Asked for signed out, by a browser in another language.
    client.post(
        reverse("account_reset_password"), {"email": leader_a.email}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    message = OutboxMessage.objects.get(to=leader_a.email)
    assert message.body_text.splitlines()[0] == greeting
    assert "from !" not in message.body_text
    assert "qnet" in message.subject


def test_the_signed_in_message_speaks_the_persons_language_not_the_browsers(client, leader_a):
    leader_a.preferred_language = "nb"
    leader_a.save(update_fields=["preferred_language"])
    response = client.post(
        reverse("account_login"),
        {"login": leader_a.email, "password": "qnet-demo-2026"},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown and all("Successfully signed in" not in text for text in shown), shown
    assert any(leader_a.full_name in text for text in shown), shown
