"""Annual reports in a real browser: build, review, publish, watch the PDF being made,
download it; the public finds it in the archive; a school leader reads it but never
the authority's draft. Every page visited is checked with axe-core."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import AnnualReport, Rendition
from reports.tests.conftest import make_plan, make_results
from tests.axe import assert_accessible

pytestmark = pytest.mark.browser

YEAR = 2025


class _HeldTask:
    """Stands in for the Celery task so the test decides when the worker runs."""

    def __init__(self):
        self.queued: list[int] = []

    def delay_on_commit(self, rendition_id):
        self.queued.append(rendition_id)


@pytest.fixture
def report_data(world):
    _plan, _areas, measures = make_plan(world.authority)
    make_results(world.authority, [world.school_a, world.school_b], measures, [2023, 2024, 2025])


@pytest.fixture
def held_task(monkeypatch):
    task = _HeldTask()
    monkeypatch.setattr("reports.tasks.render_pdf", task)
    return task


def test_authority_staff_build_publish_and_download_the_report(
    live_server,
    page,
    new_context,
    browser_login,
    authority_staff,
    leader_a,
    report_data,
    held_task,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, live_server, authority_staff)

    page.goto(f"{base}/reports/")
    assert_accessible(page)
    page.get_by_role("link", name="Start a report").click()
    assert_accessible(page)
    page.get_by_label("Year").fill(str(YEAR))
    page.get_by_label("Title").fill("Our schools in 2025")
    page.get_by_label("Introduction").fill("What we learned this year.")
    page.get_by_role("button", name="Start the report").click()
    expect(page.locator("main h1")).to_have_text("Our schools in 2025")
    assert_accessible(page)

    page.get_by_role("link", name="Focus area 1").click()
    expect(page.locator("main")).to_contain_text("Measure 0.0")
    assert_accessible(page)
    page.get_by_label("Narrative").fill("Reading results **improved** at most schools.")
    page.get_by_role("button", name="Save the chapter").click()
    expect(page.locator("main")).to_contain_text("Chapter saved.")

    # Nobody named: the form comes back and says so.
    page.get_by_role("button", name="Send to review").click()
    expect(page.locator("main")).to_contain_text("Choose at least one colleague")
    assert_accessible(page)
    page.get_by_label(authority_staff.full_name or authority_staff.email).check()
    page.get_by_role("button", name="Send to review").click()
    expect(page.locator("main")).to_contain_text("In review")
    expect(page.locator("#reviewers")).to_contain_text(
        authority_staff.full_name or authority_staff.email
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main")).to_contain_text("Published")
    # The worker has not run yet: the page shows the progress bar and polls.
    progress = page.get_by_role("progressbar", name="Progress")
    expect(progress).to_be_visible()
    assert_accessible(page)
    assert len(held_task.queued) == 1
    services.rendition_render(rendition_id=held_task.queued[0])
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=10_000)
    expect(progress).to_have_count(0)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"

    report = AnnualReport.objects.get(year=YEAR)
    assert Rendition.objects.get(report=report).status == "done"

    # An anonymous visitor finds it in the archive and reads it.
    visitor = new_context().new_page()
    visitor.goto(f"{base}/reports/")
    assert_accessible(visitor)
    visitor.get_by_role("link", name="Our schools in 2025").click()
    expect(visitor.locator("main h1")).to_have_text("Our schools in 2025")
    expect(visitor.locator("main")).to_contain_text("Reading results improved")
    assert_accessible(visitor)

    # leader-a reads the published report, but the authority's next draft is not there.
    draft = services.report_start(
        actor=authority_staff, authority=report.authority, year=YEAR + 1, title="Draft 2026"
    )
    leader_page = new_context().new_page()
    browser_login(leader_page, live_server, leader_a)
    leader_page.goto(f"{base}/reports/{report.pk}/")
    expect(leader_page.locator("main h1")).to_have_text("Our schools in 2025")
    assert_accessible(leader_page)
    response = leader_page.goto(f"{base}/reports/{draft.pk}/")
    assert response.status == 404
    leader_page.goto(f"{base}/reports/")
    expect(leader_page.locator("main")).not_to_contain_text("Draft 2026")
    expect(leader_page.get_by_role("link", name=re.compile("Our schools in 2025"))).to_be_visible()
