from decimal import Decimal

from reports import builders
from reports.models import Section
from reports.tests.conftest import YEAR
from selfassessment.models import Result


def _focus_blocks(report, area):
    section = report.sections.get(focus_area=area)
    return builders.section_data(report=report, section=section)["blocks"]


def test_mean_and_difference_are_suppressed_when_they_include_a_suppressed_value():
    assert builders.mean_unless_suppressed([Decimal(1), Decimal(3)]) == Decimal(2)
    assert builders.mean_unless_suppressed([Decimal(1), None]) is None
    assert builders.difference_unless_suppressed(Decimal(5), None) is None
    assert builders.difference_unless_suppressed(Decimal(5), Decimal(3)) == Decimal(2)


def test_a_small_group_hides_its_value_the_average_and_the_change(draft, results_world, world):
    measure = results_world.measures[0]
    Result.objects.filter(school=world.school_a, measure=measure, year=YEAR).update(
        n=3, value=Decimal("77.777")
    )
    blocks = _focus_blocks(draft, results_world.areas[0])
    summary = next(b for b in blocks if b.get("id") == f"m{measure.pk}-summary")
    by_year = {row["head"]: row["cells"] for row in summary["rows"]}
    assert by_year[str(YEAR)][0] is None  # the average includes the small group
    assert by_year[str(YEAR - 1)][0] is not None
    assert by_year[str(YEAR)][3] == "1"
    schools = next(b for b in blocks if b.get("id") == f"m{measure.pk}-schools")
    row_a = next(row for row in schools["rows"] if row["key"] == world.school_a.pk)
    assert row_a["cells"][-2] == {"t": None, "weak": False}
    assert row_a["cells"][-1] is None  # the change on the year before
    assert "77.8" not in str(blocks) and "77,8" not in str(blocks)


def test_results_cells_mark_weak_values(draft, results_world, world):
    measure = results_world.measures[0]
    Result.objects.filter(school=world.school_b, measure=measure, year=YEAR).update(
        value=Decimal("12.5")
    )
    blocks = _focus_blocks(draft, results_world.areas[0])
    schools = next(b for b in blocks if b.get("id") == f"m{measure.pk}-schools")
    row_b = next(row for row in schools["rows"] if row["key"] == world.school_b.pk)
    assert row_b["cells"][-2] == {"t": "12.5", "weak": True}


def test_the_free_text_chapter_has_no_data(draft, authority_staff):
    from reports import services

    section = services.section_add(
        actor=authority_staff, report=draft, kind=Section.Kind.FREE_TEXT, title="Outlook"
    )
    assert builders.section_data(report=draft, section=section) == {"blocks": []}


def test_every_chapter_kind_builds_json_data(draft):
    import json

    content = builders.report_content(
        report=draft, sections=list(draft.sections.all()), language="en"
    )
    assert json.loads(json.dumps(content)) == content
    assert len(content["sections"]) == 5
