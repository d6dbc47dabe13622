"""Fixtures for the cross-app tests: a real Chromium driven by Playwright, and a login helper.

pytest-playwright cannot download its own browsers here, so every browser test runs
Debian's Chromium. The persona fixtures (root conftest.py) create their world through
`db`; a test that also requests `live_server` gets a transactional database, which the
live server thread can see.
"""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from playwright.sync_api import Page, expect

PASSWORD = "qnet-demo-2026"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # No traffic to the outside world: the portal must work offline.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOTP_PERIOD = 30


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo, ...) plus Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A fixed browser language, so LocaleMiddleware serves English whatever the machine says.
    return {**browser_context_args, "locale": "en-GB"}


def _totp_code(user) -> str:
    """The current code of the user's authenticator app."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    # A code typed in the last moment of its window may be checked in the next one.
    if TOTP_PERIOD - time.time() % TOTP_PERIOD < 2:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def _sign_in(page: Page, live_server, user, password: str = PASSWORD) -> Page:
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(user.email)
    password_field = form.locator("input[name=password]")
    password_field.fill(password)
    password_field.press("Enter")
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        code_field = page.locator("main form input[name=code]")
        expect(code_field).to_be_visible()
        # Computed only now, so the code is fresh when the server checks it.
        code_field.fill(_totp_code(user))
        code_field.press("Enter")
    expect(page).to_have_url(f"{base}/")
    expect(page.locator("main h1")).to_contain_text(user.get_short_name())
    return page


@pytest.fixture
def browser_login():
    """Sign a persona in through the real login form, and the TOTP step if they have one.

    Call it as ``browser_login(page, live_server, user)``; it asserts the browser landed
    on the dashboard greeting that person and returns the page.
    """
    return _sign_in
