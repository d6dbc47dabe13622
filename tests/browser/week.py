"""Steps shared by the week journeys (test_week_journeys.py).

A `Week` is one persona's browser session in the language of their account. Every page it
lands on is checked twice: `<html lang>` is still the persona's language, and axe-core
finds no serious or critical violation. The steps find controls by URL, form action,
field id or name, never by visible words, because the texts change while the interface
is being translated.
"""

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.axe import assert_accessible


def speak(user, language: str) -> None:
    """Give the account its preferred language, as the person would on their profile."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


class Week:
    def __init__(self, page: Page, live_server, browser_login, user, language: str):
        self.page = page
        self.base = live_server.url
        self.language = language
        # Destructive buttons ask through window.confirm (static/js/qnet.js): say yes.
        page.on("dialog", lambda dialog: dialog.accept())
        speak(user, language)
        browser_login(page, live_server, user)
        self.check()

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def check(self) -> None:
        """The page the browser shows now is in the persona's language and accessible."""
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        assert_accessible(self.page)

    def visit(self, path: str, *, status: int = 200) -> None:
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == status, (path, response)
        self.check()

    def follow(self, link: Locator, path: str) -> None:
        """Click a link and land on `path` (with its query, if any)."""
        link.click()
        expect(self.page).to_have_url(self.url(path))
        self.check()

    def form(self, action_suffix: str) -> Locator:
        """The form in <main> whose action ends with `action_suffix`."""
        return self.page.locator(f"main form[action$='{action_suffix}']")

    def submit(self, form: Locator) -> None:
        form.locator("button[type=submit]").first.click()

    def answered(self, level: str = "success") -> None:
        """The last action answered with a message of `level` (Bootstrap's alert colour:
        success, warning, ...), on a page in the persona's language that passes axe."""
        expect(self.page.locator(f".messages .alert-{level}").first).to_be_visible()
        self.check()

    def download(self, link: Locator) -> bytes:
        with self.page.expect_download() as info:
            link.click()
        return Path(info.value.path()).read_bytes()
