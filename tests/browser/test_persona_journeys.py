"""The first journeys of every persona in a real browser, each page checked with axe-core.

Texts may not be translated yet while the translations are in progress, so the language
is asserted through <html lang> (and the person's saved preference), not through words.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import Page, expect

from qnet.models import Membership, Role
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

# Persona fixture, what their dashboard shows that is theirs alone, the language they pick.
PERSONAS = [
    pytest.param("authority_staff", "Demo authority", "de", id="authority"),
    pytest.param("other_authority_staff", "Other authority", "nl", id="authority-other"),
    pytest.param("coordinator", "Demo network", "nb", id="coordinator"),
    pytest.param("leader_a", "School A", "de", id="leader-a"),
    pytest.param("leader_b", "School B", "nl", id="leader-b"),
    pytest.param("staff_a", "School A", "nb", id="staff-a"),
    pytest.param("facilitator", None, "de", id="facilitator"),
]
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "nl": "Nederlands", "nb": "Norsk bokmål"}
NO_ROLE = "You have no role in an organisation yet."


def first_name(user) -> str:
    return user.full_name.split()[0]


def switch_language(page: Page, code: str) -> None:
    """Pick a language in the navbar's language menu."""
    page.locator("button#language-menu").click()
    page.get_by_role("button", name=LANGUAGE_NAMES[code], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize(("persona", "own_organisation", "language"), PERSONAS)
def test_each_persona_signs_in_sees_their_dashboard_and_keeps_their_language(
    live_server, page, new_context, browser_login, request, persona, own_organisation, language
):
    user = request.getfixturevalue(persona)
    browser_login(page, live_server, user)

    main = page.locator("main")
    expect(main.locator("h1")).to_have_text(f"Hello, {first_name(user)}")
    if own_organisation is None:
        expect(main).to_contain_text(NO_ROLE)
    else:
        # .first: other panels of the dashboard may link the same organisation again.
        expect(main.get_by_role("link", name=own_organisation, exact=True).first).to_be_visible()
    if persona == "other_authority_staff":
        # Isolation: the second authority sees nothing of the demo authority.
        expect(main).not_to_contain_text("Demo authority")
    assert_accessible(page)

    page.locator("#main-nav").get_by_role("link", name="My organisations", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/organisations/")
    if own_organisation is not None:
        listed = main.get_by_role("link", name=re.compile("^" + re.escape(own_organisation)))
        expect(listed.first).to_be_visible()
    assert_accessible(page)

    switch_language(page, language)
    expect(page).to_have_url(f"{live_server.url}/organisations/")
    assert_accessible(page)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", language)
    user.refresh_from_db()
    assert user.preferred_language == language

    # Remembered by the account, not only by the cookie: the same session in a browser
    # without the language cookie still gets the chosen language.
    session_only = new_context()
    session_only.add_cookies(
        [c for c in page.context.cookies() if c["name"] != settings.LANGUAGE_COOKIE_NAME]
    )
    elsewhere = session_only.new_page()
    elsewhere.goto(f"{live_server.url}/")
    expect(elsewhere.locator("main h1")).to_contain_text(first_name(user))
    expect(elsewhere.locator("html")).to_have_attribute("lang", language)


def test_the_landing_page_and_the_login_page_are_accessible(live_server, page):
    response = page.goto(f"{live_server.url}/")
    # axe must work under the real policy, which forbids inline script.
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("main input[name=login]")).to_be_visible()
    assert_accessible(page)


def test_the_signup_page_offers_no_way_to_create_an_account(live_server, page):
    page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.locator("input[type=password]")).to_have_count(0)
    expect(page.locator("main form")).to_have_count(0)
    assert_accessible(page)


def test_the_navbar_toggler_opens_the_menu_on_a_phone(live_server, page, browser_login, leader_a):
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, live_server, leader_a)
    toggler = page.locator("button.navbar-toggler")
    menu = page.locator("#main-nav")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()

    toggler.click()

    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="My organisations", exact=True)).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_invites_a_new_coordinator_who_joins_the_network(
    live_server, page, new_context, browser_login, coordinator, world
):
    base = live_server.url
    browser_login(page, live_server, coordinator)
    page.goto(f"{base}/organisations/network/{world.network.pk}/")
    expect(page.locator("main h1")).to_have_text("Demo network")
    assert_accessible(page)

    page.get_by_role("link", name="Invite someone").click()
    expect(page).to_have_url(f"{base}/organisations/network/{world.network.pk}/invite/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=email]").fill("new@example.org")
    form.locator("select[name=role]").select_option(Role.COORDINATOR.value)
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(f"{base}/organisations/network/{world.network.pk}/")
    expect(page.locator("main")).to_contain_text("new@example.org")
    assert_accessible(page)

    assert len(mail.outbox) == 1
    invitation_mail = mail.outbox[0]
    assert invitation_mail.to == ["new@example.org"]
    # The link in the mail points at SITE_URL; follow its path on the test server.
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", invitation_mail.body)
    assert match, invitation_mail.body

    invitee = new_context().new_page()
    invitee.goto(base + match.group(1))
    expect(invitee.locator("main")).to_contain_text("new@example.org")
    assert_accessible(invitee)
    form = invitee.locator("main form")
    form.locator("input[name=full_name]").fill("Nina Neumann")
    form.locator("input[name=password1]").fill("Lantern-harbour-58-quietly")
    form.locator("input[name=password2]").fill("Lantern-harbour-58-quietly")
    form.locator("button[type=submit]").click()

    expect(invitee).to_have_url(f"{base}/")
    main = invitee.locator("main")
    expect(main.locator("h1")).to_have_text("Hello, Nina")
    expect(main.get_by_role("link", name="Demo network", exact=True).first).to_be_visible()
    assert_accessible(invitee)
    assert Membership.objects.filter(
        user__email="new@example.org", role=Role.COORDINATOR, network=world.network
    ).exists()
