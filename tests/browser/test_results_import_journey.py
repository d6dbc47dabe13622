"""Authority staff import the real Udir and DUO samples in the browser, in each of the four
languages: upload, map once, preview, commit, see the results on the school page and in
the follow-up list, and import next year's file without being asked again. axe on every
page. The steps find their controls by name and URL, not by words, so one test serves
every language."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from qnet.tests.factories import SchoolFactory
from selfassessment.models import Measure, Result, ResultImport, ResultStatus
from selfassessment.tests.import_helpers import (
    DUO,
    UDIR,
    UDIR_KEY,
    reading_measure,
    udir_schools,
)
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

IMPORTS = "/self-assessment/results/imports/"


@pytest.fixture
def authority_world(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    schools = udir_schools(world.authority)
    schools["00AH00"] = SchoolFactory(
        authority=world.authority, name="Het Stedelijk Kottenpark", official_id="00AH00"
    )
    havo = Measure.objects.create(
        authority=world.authority,
        code="havo-passed",
        name="HAVO: passed",
        threshold=Decimal("10"),
        min_group_size=5,
    )
    return schools, reading_measure(world.authority), havo


def upload(page: Page, base: str, path, name: str | None = None) -> None:
    page.goto(f"{base}{IMPORTS}")
    assert_accessible(page)
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[name=file]").set_input_files(
        {"name": name or path.name, "mimeType": "text/csv", "buffer": path.read_bytes()}
    )
    form.locator("button[type=submit]").click()
    expect(page.locator("main h1")).to_have_text(name or path.name)
    assert_accessible(page)


def map_once(page: Page, base: str, keep: dict[str, str]) -> None:
    """Keep the named source measures ("key" or "key | breakdown" -> measure id), skip every
    other one and every school that is not ours."""
    page.locator("main a[href$='/mapping/']").first.click()
    expect(page).to_have_url(re.compile(r"/mapping/$"))
    assert_accessible(page)
    for fieldset in page.locator("main fieldset").all():
        key = fieldset.get_attribute("data-key")
        breakdown = fieldset.get_attribute("data-breakdown")
        choice = keep.get(key) or keep.get(f"{key} | {breakdown}")
        fieldset.locator("select").select_option(choice if choice else "skip")
    page.locator("main input[name=skip_unmatched]").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form[action$='/commit/']")).to_be_visible()
    assert_accessible(page)


def commit(page: Page) -> None:
    page.locator("main form[action$='/commit/'] button").click()
    expect(page.locator(".messages .alert-success, .messages .alert")).to_be_visible()
    expect(page.locator("main form[action$='/commit/']")).to_have_count(0)
    assert_accessible(page)


# Two of the languages on a phone-sized screen, where tables scroll and names wrap.
@pytest.mark.parametrize(
    ("language", "width"), [("en", 1280), ("de", 1280), ("nl", 390), ("nb", 390)]
)
def test_authority_staff_import_both_samples_and_next_years_file_without_mapping(
    live_server, page, browser_login, authority_staff, authority_world, language, width
):
    schools, reading, havo = authority_world
    authority_staff.preferred_language = language
    authority_staff.save(update_fields=["preferred_language"])
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    browser_login(page, live_server, authority_staff)
    expect(page.locator("html")).to_have_attribute("lang", language)

    # Udir: the first file asks; reading is kept, the rest skipped.
    upload(page, base, UDIR)
    expect(page.locator("main .alert-warning")).to_be_visible()
    map_once(page, base, {UDIR_KEY: str(reading.pk)})
    commit(page)
    moltemyr = Result.objects.get(school=schools["975282996"], measure=reading)
    assert (moltemyr.value, moltemyr.year) == (Decimal("45.000"), 2024)
    suppressed = Result.objects.get(school=schools["975283275"], measure=reading)
    assert (suppressed.status, suppressed.value) == (ResultStatus.SUPPRESSED, None)

    # The school pages show the value and the suppressed one as a dash.
    page.goto(f"{base}/self-assessment/results/school/{schools['975282996'].pk}/")
    expect(page.locator("main table")).to_contain_text("45")
    assert_accessible(page)
    page.goto(f"{base}/self-assessment/results/school/{schools['975283275'].pk}/")
    expect(page.locator("main table tbody")).to_contain_text("—")
    assert_accessible(page)

    # Next year's file: no question asked, straight to the preview.
    next_year = UDIR.read_bytes().decode("utf-16").replace("2023-24.", "2024-25.")
    path = UDIR.with_name("next.csv")
    upload_bytes = next_year.encode("utf-16")
    page.goto(f"{base}{IMPORTS}")
    page.locator("main input[name=file]").set_input_files(
        {"name": path.name, "mimeType": "text/csv", "buffer": upload_bytes}
    )
    page.locator("main form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(page.locator("main .alert-warning")).to_have_count(0)
    commit(page)
    assert Result.objects.filter(measure=reading, year=2025).count() == 21

    # Moltemyr is below 48 in both years: it is on the follow-up list.
    page.goto(f"{base}/self-assessment/follow-up/")
    expect(page.locator("main")).to_contain_text("Moltemyr skole")
    expect(page.locator("main")).not_to_contain_text("Engesland skole")
    assert_accessible(page)

    # DUO: the school year comes from the file name; "<5" makes Kottenpark's HAVO total "—".
    upload(page, base, DUO)
    map_once(page, base, {"GESLAAGDEN | HAVO": str(havo.pk)})
    commit(page)
    kottenpark = Result.objects.get(school=schools["00AH00"], measure=havo)
    assert (kottenpark.status, kottenpark.year) == (ResultStatus.SUPPRESSED, 2025)
    page.goto(f"{base}/self-assessment/results/school/{schools['00AH00'].pk}/")
    expect(page.locator("main table tbody")).to_contain_text("—")
    assert_accessible(page)
    assert ResultImport.objects.filter(state=ResultImport.State.COMMITTED).count() == 3
