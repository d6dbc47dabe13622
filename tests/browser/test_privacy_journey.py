"""The privacy and accessibility statements, the data download and erasing an account."""

import json

import pytest
from playwright.sync_api import expect

from qnet.models import User
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_the_statements_are_reachable_from_every_page_and_accessible(live_server, page):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Privacy").click()
    expect(page.locator("h1")).to_have_text("Privacy: what qnet stores and why")
    assert_accessible(page)
    page.get_by_role("link", name="Accessibility").click()
    expect(page.locator("h1")).to_have_text("Accessibility statement")
    assert_accessible(page)


def test_a_leader_downloads_her_data_then_erases_her_account(
    live_server, page, browser_login, leader_a
):
    browser_login(page, live_server, leader_a)
    page.goto(f"{live_server.url}/profile/")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    data = json.loads(download.value.path().read_text())
    assert data["person"]["email"] == "leader-a@example.org"

    page.get_by_role("link", name="Erase my account").click()
    assert_accessible(page)
    page.get_by_label("Your password").fill("qnet-demo-2026")
    page.get_by_label("I understand that my account cannot be restored.").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("Your account was erased.")
    leader_a.refresh_from_db()
    assert not leader_a.is_active
    assert not User.objects.filter(email="leader-a@example.org").exists()
