"""An operator creates an authority; its first staff member joins from the mail, on a phone."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from qnet.models import Membership, Role
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_the_first_staff_member_of_a_new_authority_joins_from_the_mail(live_server, page):
    call_command(
        "create_authority",
        name="Stad Voorbeeld",
        country="NL",
        email="eva@example.org",
        full_name="Eva de Vries",
    )
    assert mail.outbox[0].to == ["eva@example.org"]
    path = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", mail.outbox[0].body).group(1)

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + path)
    main = page.locator("main")
    expect(main).to_contain_text("You are invited as Authority staff at Stad Voorbeeld.")
    form = main.locator("form")
    expect(form.locator("input[name=full_name]")).to_have_value("Eva de Vries")
    assert_accessible(page)
    form.locator("input[name=password1]").fill("Lantern-harbour-58-quietly")
    form.locator("input[name=password2]").fill("Lantern-harbour-58-quietly")
    form.locator("button[type=submit]").click()

    # Authority staff set up TOTP before anything else, this one too.
    expect(page).to_have_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)/"))
    assert Membership.objects.filter(
        user__email="eva@example.org", role=Role.AUTHORITY_STAFF, authority__name="Stad Voorbeeld"
    ).exists()
