"""The results import from upload to commit, with the real Udir and DUO samples."""

import tracemalloc
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qnet.models import AuditEntry
from qnet.tests.factories import SchoolFactory
from selfassessment import selectors, services
from selfassessment.models import (
    ComparisonFigure,
    ImportProfile,
    Measure,
    MeasureMapping,
    Result,
    ResultImport,
    ResultStatus,
    SchoolLink,
)
from selfassessment.tests.import_helpers import (
    DUO,
    NO_PUPILS_SCHOOLS,
    SUPPRESSED_SCHOOLS,
    UDIR,
    generic_export,
    map_udir,
    reading_measure,
    udir_schools,
    upload,
)

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def schools(world):
    return udir_schools(world.authority)


@pytest.fixture
def reading(world):
    return reading_measure(world.authority)


class TestSchoolYear:
    @pytest.mark.parametrize(
        ("text", "year"), [("2023-24", 2024), ("2024-2025", 2025), ("2026", 2026)]
    )
    def test_it_takes_the_year_a_school_year_ends_in(self, text, year):
        assert services.school_year_to_year(text) == year

    @pytest.mark.parametrize("text", ["2023-25", "24-25", "1999", "next year", ""])
    def test_it_refuses_what_is_not_a_school_year(self, text):
        with pytest.raises(ValueError, match="not a school year"):
            services.school_year_to_year(text)

    def test_it_finds_the_school_year_in_a_duo_file_name(self):
        assert services.school_year_from_file_name(DUO.name) == "2024-2025"
        assert services.school_year_from_file_name("results.csv") == ""


class TestUpload:
    def test_it_stores_the_file_with_its_provenance_and_reads_a_small_one_at_once(
        self, world, authority_staff, schools
    ):
        result_import = upload(authority_staff, world.authority)
        result_import.refresh_from_db()
        assert result_import.state == ResultImport.State.READY
        assert result_import.profile.kind == "udir"
        assert result_import.file_name == UDIR.name
        assert result_import.size == UDIR.stat().st_size
        assert len(result_import.checksum) == 64
        # The stored name is generated: the uploader's file name never becomes a path.
        assert UDIR.name not in result_import.file.name
        assert result_import.preview["rows_read"] == 55
        assert AuditEntry.objects.filter(action="results.upload").count() == 1

    def test_the_first_file_asks_for_every_measure_and_the_unknown_schools(
        self, world, authority_staff, schools
    ):
        preview = upload(authority_staff, world.authority).preview
        assert len(preview["unmapped"]) == 9
        # 45 schools in the file, 21 of them ours: the other 24 are listed as unmatched.
        assert len(preview["unmatched"]) == 45 - len(schools)
        assert preview["can_commit"] is False

    def test_it_refuses_a_file_of_another_kind_than_chosen_and_stores_nothing(
        self, world, authority_staff
    ):
        with pytest.raises(ValidationError, match="looks like Udir statistics bank"):
            upload(authority_staff, world.authority, kind="duo", school_year="2024-2025")
        assert not ResultImport.objects.exists()

    def test_it_refuses_a_file_that_is_no_known_export(self, world, authority_staff):
        with pytest.raises(ValidationError, match="match no known export"):
            upload(authority_staff, world.authority, data=b"a;b;c\r\n1;2;3\r\n", file_name="x.csv")

    def test_it_refuses_a_binary_file(self, world, authority_staff):
        with pytest.raises(ValidationError, match="not a text file"):
            upload(authority_staff, world.authority, data=b"PK\x03\x04\x00\x00", file_name="x.xlsx")

    def test_a_duo_file_needs_its_school_year(self, world, authority_staff):
        with pytest.raises(ValidationError, match="does not name its school year"):
            upload(authority_staff, world.authority, path=DUO, file_name="duo.csv")

    def test_it_refuses_a_file_over_the_limit(self, world, authority_staff, settings):
        settings.RESULTS_IMPORT_MAX_BYTES = 1024
        with pytest.raises(ValidationError, match="larger than"):
            upload(authority_staff, world.authority)

    def test_a_large_file_is_left_to_the_worker(
        self, world, authority_staff, settings, django_capture_on_commit_callbacks
    ):
        settings.RESULTS_IMPORT_INLINE_BYTES = 100
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            result_import = upload(authority_staff, world.authority)
        assert result_import.state == ResultImport.State.QUEUED
        assert len(callbacks) == 1
        callbacks[0]()  # the task, eager in tests
        result_import.refresh_from_db()
        assert result_import.state == ResultImport.State.READY
        assert result_import.progress == 100


class TestRead:
    def test_reading_twice_does_the_work_once(self, world, authority_staff, settings):
        settings.RESULTS_IMPORT_INLINE_BYTES = 100
        result_import = upload(authority_staff, world.authority)
        assert services.result_import_read(result_import_id=result_import.pk) is True
        assert services.result_import_read(result_import_id=result_import.pk) is False

    def test_a_read_whose_worker_died_is_taken_over(self, world, authority_staff, settings):
        settings.RESULTS_IMPORT_INLINE_BYTES = 100
        result_import = upload(authority_staff, world.authority)
        ResultImport.objects.filter(pk=result_import.pk).update(
            state=ResultImport.State.READING, updated_at="2020-01-01T00:00:00Z"
        )
        assert services.result_import_read(result_import_id=result_import.pk) is True
        result_import.refresh_from_db()
        assert result_import.state == ResultImport.State.READY

    def test_reading_a_large_file_takes_memory_far_below_its_size(
        self, world, authority_staff, settings, django_capture_on_commit_callbacks
    ):
        # 120,000 lines, one in fifty wrong: kept are the distinct measures and schools
        # to ask about, the counts and the first problems, never the lines themselves.
        data = generic_export(120_000, measures=60, schools=401, bad_every=50)
        assert len(data) > 4 * 1024 * 1024
        settings.RESULTS_IMPORT_INLINE_BYTES = 100
        with django_capture_on_commit_callbacks(execute=False):
            result_import = upload(authority_staff, world.authority, data=data, file_name="x.csv")
        tracemalloc.start()
        try:
            services.result_import_read(result_import_id=result_import.pk)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        result_import.refresh_from_db()
        assert result_import.preview["rows_read"] == 120_000
        assert result_import.preview["error_count"] == 2_400
        assert len(result_import.preview["errors"]) == 200
        assert len(result_import.preview["keys"]) == 60
        assert len(result_import.preview["unmatched"]) == 401
        # Reader, plan, queries and the preview written: constant, whatever the file's length.
        assert peak < 1024 * 1024 < len(data) / 4

    def test_a_file_changed_on_disk_fails_with_a_message(self, world, authority_staff, settings):
        settings.RESULTS_IMPORT_INLINE_BYTES = 100
        result_import = upload(authority_staff, world.authority)
        with open(result_import.file.path, "ab") as handle:
            handle.write(b"tampered")
        services.result_import_read(result_import_id=result_import.pk)
        result_import.refresh_from_db()
        assert result_import.state == ResultImport.State.FAILED
        assert "changed since it was uploaded" in result_import.error

    def test_a_truncated_file_reports_its_line_and_cannot_be_committed(
        self, world, authority_staff, schools, reading
    ):
        text = UDIR.read_bytes().decode("utf-16")
        truncated = text[: text.index("Moltemyr") + 20].encode("utf-16")
        result_import = upload(authority_staff, world.authority, data=truncated)
        result_import = map_udir(authority_staff, result_import, reading)
        preview = result_import.preview
        assert preview["error_count"] == 1
        assert "truncated" in preview["errors"][0]["message"]
        assert preview["errors"][0]["line"] > 1
        assert preview["can_commit"] is False
        with pytest.raises(ValidationError):
            services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert not Result.objects.exists()


class TestUdirToCommit:
    def test_the_udir_sample_stores_every_school_value_and_every_star_as_suppressed(
        self, world, authority_staff, schools, reading
    ):
        result_import = map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        preview = result_import.preview
        assert preview["unmapped"] == [] and preview["unmatched"] == []
        assert preview["schools_matched"] == len(schools)
        assert preview["can_commit"] is True
        summary = services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert summary["created"] == len(schools) == Result.objects.count()
        for official_id in SUPPRESSED_SCHOOLS:
            result = Result.objects.get(school=schools[official_id])
            assert (result.status, result.value) == (ResultStatus.SUPPRESSED, None)
        for official_id in NO_PUPILS_SCHOOLS:
            result = Result.objects.get(school=schools[official_id])
            assert (result.status, result.value, result.n) == (ResultStatus.NO_PUPILS, None, 0)
        moltemyr = Result.objects.get(school=schools["975282996"])
        assert (moltemyr.year, moltemyr.value, moltemyr.status) == (
            2024,
            Decimal("45.000"),
            ResultStatus.REPORTED,
        )
        assert moltemyr.source == result_import
        result_import.refresh_from_db()
        assert result_import.state == ResultImport.State.COMMITTED
        assert result_import.committed_by == authority_staff

    def test_a_suppressed_value_is_never_counted_in_the_average(
        self, world, authority_staff, schools, reading
    ):
        result_import = map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        _years, rows = selectors.school_results(school=schools["975282996"])
        # Engesland's "*" is part of the authority's schools: the average is withheld
        # rather than computed over the rest (or with the star as 0).
        assert rows[0].average[2024].value is None
        assert rows[0].school[2024].value == Decimal("45.000")

    def test_re_importing_the_same_file_changes_nothing(
        self, world, authority_staff, schools, reading
    ):
        first = map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        services.result_import_commit(actor=authority_staff, result_import=first)
        stamps = dict(Result.objects.values_list("pk", "updated_at"))
        second = upload(authority_staff, world.authority)
        assert second.preview["unmapped"] == [] and second.preview["unmatched"] == []
        summary = services.result_import_commit(actor=authority_staff, result_import=second)
        assert (summary["created"], summary["updated"]) == (0, 0)
        assert summary["unchanged"] == len(schools)
        assert dict(Result.objects.values_list("pk", "updated_at")) == stamps
        assert set(Result.objects.values_list("source", flat=True)) == {first.pk}

    def test_a_corrected_file_updates_only_the_values_it_changes(
        self, world, authority_staff, schools, reading
    ):
        first = map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        services.result_import_commit(actor=authority_staff, result_import=first)
        text = UDIR.read_bytes().decode("utf-16")
        line = next(row for row in text.split("\r\n") if "Moltemyr" in row)
        cells = line.split("|")
        cells[12] = "46"  # Lesing Skalapoeng
        corrected = text.replace(line, "|".join(cells)).encode("utf-16")
        second = upload(authority_staff, world.authority, data=corrected)
        summary = services.result_import_commit(actor=authority_staff, result_import=second)
        assert (summary["created"], summary["updated"]) == (0, 1)
        moltemyr = Result.objects.get(school=schools["975282996"])
        assert (moltemyr.value, moltemyr.source) == (Decimal("46.000"), second)

    def test_comparison_rows_become_comparison_figures_where_the_measure_asks(
        self, world, authority_staff, schools, reading
    ):
        result_import = map_udir(
            authority_staff,
            upload(authority_staff, world.authority),
            reading,
            with_comparison=True,
        )
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        country = ComparisonFigure.objects.get()
        assert (country.unit_name, country.value, country.year) == (
            "Hele landet",
            Decimal("49.000"),
            2024,
        )
        _years, rows = selectors.school_results(school=schools["975282996"])
        assert rows[0].comparison_name == "Hele landet"
        assert rows[0].comparison[2024].value == Decimal("49.000")

    def test_the_mapping_is_remembered_for_next_years_file(
        self, world, authority_staff, schools, reading
    ):
        map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        assert ImportProfile.objects.count() == 1
        assert MeasureMapping.objects.filter(measure=reading).count() == 1
        assert MeasureMapping.objects.filter(measure=None).count() == 8
        assert SchoolLink.objects.filter(school=None).count() == 45 - len(schools)
        next_year = (
            UDIR.read_bytes().decode("utf-16").replace("2023-24.", "2024-25.").encode("utf-16")
        )
        result_import = upload(authority_staff, world.authority, data=next_year)
        assert result_import.preview["can_commit"] is True
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert set(Result.objects.values_list("year", flat=True)) == {2025}

    def test_an_unknown_id_linked_once_is_matched_from_then_on(
        self, world, authority_staff, reading
    ):
        school = SchoolFactory(authority=world.authority, name="Moltemyr (old id)")
        result_import = upload(authority_staff, world.authority)
        unit = next(
            u for u in result_import.preview["unmatched"] if u["official_id"] == "975282996"
        )
        services.import_mapping_save(
            actor=authority_staff,
            result_import=result_import,
            measures=[],
            schools=[services.SchoolChoice.of(unit, school)],
        )
        result_import = map_udir(authority_staff, result_import, reading)
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert Result.objects.get(school=school).value == Decimal("45.000")

    def test_a_new_measure_can_be_made_while_mapping(self, world, authority_staff, schools):
        result_import = upload(authority_staff, world.authority)
        services.import_mapping_save(
            actor=authority_staff,
            result_import=result_import,
            measures=[
                services.MeasureChoice(
                    source_key=key["key"],
                    breakdown=key["breakdown"],
                    new=services.NewMeasure(
                        code="engelsk-5", name="Engelsk 5", threshold=Decimal("48")
                    )
                    if key["key"].startswith("Engelsk") and key["key"].endswith("Skalapoeng")
                    else None,
                )
                for key in result_import.preview["keys"]
            ],
            schools=[],
        )
        assert Measure.objects.get(code="engelsk-5").authority == world.authority

    def test_two_columns_mapped_to_one_measure_is_an_error_with_both_lines(
        self, world, authority_staff, schools, reading
    ):
        result_import = upload(authority_staff, world.authority)
        services.import_mapping_save(
            actor=authority_staff,
            result_import=result_import,
            measures=[
                services.MeasureChoice(
                    source_key=key["key"],
                    breakdown=key["breakdown"],
                    measure=reading if key["key"].endswith("Skalapoeng") else None,
                )
                for key in result_import.preview["keys"]
            ],
            schools=[],
        )
        result_import.refresh_from_db()
        assert result_import.preview["error_count"] > 0
        assert "already gives nb-lesing-5" in result_import.preview["errors"][0]["message"]

    def test_a_committed_import_cannot_be_committed_again(
        self, world, authority_staff, schools, reading
    ):
        result_import = map_udir(authority_staff, upload(authority_staff, world.authority), reading)
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        with pytest.raises(ValidationError, match="not ready"):
            services.result_import_commit(actor=authority_staff, result_import=result_import)

    def test_mapping_refuses_another_authoritys_measure(self, world, authority_staff, schools):
        foreign = reading_measure(world.other_authority)
        result_import = upload(authority_staff, world.authority)
        with pytest.raises(ValidationError, match="your authority's measures"):
            map_udir(authority_staff, result_import, foreign)
        assert not MeasureMapping.objects.exists()


class TestDuo:
    @pytest.fixture
    def locations(self, world):
        return {
            code: SchoolFactory(authority=world.authority, name=name, official_id=code)
            for code, name in [("00AH00", "Kottenpark"), ("00AH07", "Zuid"), ("00CB01", "SGM")]
        }

    def test_the_duo_sample_stores_one_value_per_location_with_lt5_carried_to_the_total(
        self, world, authority_staff, locations
    ):
        havo = Measure.objects.create(
            authority=world.authority, code="havo-geslaagd", name="HAVO passed", threshold=0
        )
        result_import = upload(
            authority_staff, world.authority, path=DUO, kind="duo", school_year=""
        )
        assert result_import.school_year == "2024-2025"
        services.import_mapping_save(
            actor=authority_staff,
            result_import=result_import,
            measures=[
                services.MeasureChoice(
                    source_key=key["key"],
                    breakdown=key["breakdown"],
                    measure=havo
                    if (key["key"], key["breakdown"]) == ("GESLAAGDEN", "HAVO")
                    else None,
                )
                for key in result_import.preview["keys"]
            ],
            schools=[services.SchoolChoice.of(u) for u in result_import.preview["unmatched"]],
        )
        result_import.refresh_from_db()
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        kottenpark = Result.objects.get(school=locations["00AH00"], measure=havo)
        # One HAVO department of 00AH00 has "<5" passed: the sum cannot be known.
        assert (kottenpark.status, kottenpark.value, kottenpark.year) == (
            ResultStatus.SUPPRESSED,
            None,
            2025,
        )
        assert Result.objects.filter(measure=havo, status=ResultStatus.REPORTED).exists()


class TestBadInput:
    def test_a_value_like_12_3_4_is_reported_with_its_line_and_nothing_is_stored(
        self, world, authority_staff, schools, reading
    ):
        text = UDIR.read_bytes().decode("utf-16")
        line = next(row for row in text.split("\r\n") if "Moltemyr" in row)
        cells = line.split("|")
        cells[12] = "12,3,4"
        broken = text.replace(line, "|".join(cells)).encode("utf-16")
        result_import = map_udir(
            authority_staff, upload(authority_staff, world.authority, data=broken), reading
        )
        errors = result_import.preview["errors"]
        line_number = text.split("\r\n").index(line) + 1
        assert errors == [
            {
                "line": line_number,
                "message": "2023-24.Lesing.5. årstrinn.Alle eierformer.Alle kjønn.Skalapoeng: "
                "“12,3,4” is not a number.",
            }
        ]
        with pytest.raises(ValidationError, match="Nothing was imported"):
            services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert not Result.objects.exists()

    def test_a_generic_file_without_its_header_is_refused_at_upload(self, world, authority_staff):
        data = b"0910001,de_schulnummer,2025-26,READ5,all,512.4,48,reported,points,VERA\r\n"
        with pytest.raises(ValidationError, match="first line is the header"):
            upload(authority_staff, world.authority, data=data, file_name="x.csv")
        assert not ResultImport.objects.exists()


SHORT = "school,measure,year,value,n"


def short_file(actor, authority, *lines: str, header: str = SHORT):
    text = "".join(f"{line}\n" for line in (header, *lines))
    return upload(actor, authority, data=text.encode(), file_name="results.csv")


class TestShortShape:
    """school, measure, year, value, n: the file people type by hand, read as the generic
    format with qnet's own school names and measure codes."""

    def test_a_file_of_known_names_and_codes_needs_no_mapping_and_commits(
        self, world, authority_staff, measures
    ):
        result_import = short_file(
            authority_staff,
            world.authority,
            "School A,read-5,2025,49.5,30",
            "school b,read-5,2025,51,28",  # a name as typed: not case-sensitive
            f"{world.school_a.official_id},bullying,2025,4,40",
        )
        preview = result_import.preview
        assert (result_import.profile.kind, preview["unmapped"], preview["unmatched"]) == (
            "generic",
            [],
            [],
        )
        assert preview["can_commit"] is True
        summary = services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert (summary["created"], summary["updated"]) == (3, 0)
        stored = Result.objects.get(school=world.school_b, measure=measures.reading, year=2025)
        assert (stored.value, stored.n, stored.source) == (Decimal("51"), 28, result_import)
        assert not MeasureMapping.objects.exists()  # nothing was asked, nothing remembered

    def test_each_bad_line_is_reported_with_its_number_and_nothing_is_stored(
        self, world, authority_staff, measures
    ):
        result_import = short_file(
            authority_staff,
            world.authority,
            "School A,read-5,2025,49.5,30",
            "School B,read-5,2025,forty,30",
            "School A,read-5,2025,50,31",
            "School B,read-5,20x5,1,3",
            "School B,bullying,2025,4,0",
        )
        errors = {error["line"]: error["message"] for error in result_import.preview["errors"]}
        assert errors == {
            3: "“forty” is not a number.",
            4: "Duplicate of line 2 (same school, measure and year).",
            5: "“20x5” is not a school year.",
            6: "A reported result comes from at least one person.",
        }
        with pytest.raises(ValidationError, match="Nothing was imported"):
            services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert not Result.objects.exists()

    def test_it_reads_semicolons_decimal_commas_and_capitalised_headers(
        self, world, authority_staff, measures
    ):
        result_import = short_file(
            authority_staff,
            world.authority,
            "School A;read-5;2025;49,5;30",
            header="School;Measure;Year;Value;N",
        )
        services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert Result.objects.get().value == Decimal("49.500")

    def test_it_creates_updates_and_leaves_alone_in_one_go(self, world, authority_staff, results):
        result_import = short_file(
            authority_staff,
            world.authority,
            "School A,read-5,2025,47.5,33",  # changes 2025
            "School A,read-5,2022,45,30",  # as stored
            "School B,bullying,2026,4.2,41",  # new
        )
        summary = services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert (summary["created"], summary["updated"], summary["unchanged"]) == (1, 1, 1)
        assert Result.objects.get(school=world.school_a, measure=results.reading, year=2025).n == 33
        assert AuditEntry.objects.filter(action="results.import").count() == 1

    def test_schools_and_codes_qnet_does_not_know_are_asked_about_not_guessed(
        self, world, authority_staff, measures
    ):
        # Fjordvik skole is another authority's: to this one it is a name like any other.
        result_import = short_file(
            authority_staff,
            world.authority,
            "Nowhere school,read-5,2025,49,30",
            "Fjordvik skole,read-5,2025,49,30",
            f"{world.school_other.official_id},read-5,2025,49,30",
            "School A,nope,2025,1,30",
        )
        preview = result_import.preview
        assert {unit["official_id"] for unit in preview["unmatched"]} == {
            "Nowhere school",
            "Fjordvik skole",
            world.school_other.official_id,
        }
        assert [key["key"] for key in preview["unmapped"]] == ["nope"]
        with pytest.raises(ValidationError, match="Nothing was imported"):
            services.result_import_commit(actor=authority_staff, result_import=result_import)
        assert not Result.objects.exists()

    def test_a_name_two_schools_share_is_asked_about(self, world, authority_staff, measures):
        SchoolFactory(authority=world.authority, name="School A")
        preview = short_file(authority_staff, world.authority, "School A,read-5,2025,49,30").preview
        assert [unit["official_id"] for unit in preview["unmatched"]] == ["School A"]

    def test_a_long_name_is_matched_and_an_unknown_one_is_a_line_error(
        self, world, authority_staff, measures
    ):
        # Longer than any official id: never remembered as one, so only a match will do.
        long_name = "Kristiansand katedralskole Gimle avdeling Gimle"
        SchoolFactory(authority=world.authority, name=long_name)
        preview = short_file(
            authority_staff,
            world.authority,
            f"{long_name},read-5,2025,49,30",
            f"{long_name} II,read-5,2025,49,30",
        ).preview
        assert preview["values"] == 1
        assert preview["errors"] == [{"line": 3, "message": f"Unknown school “{long_name} II”."}]

    def test_a_code_with_a_breakdown_is_asked_about_and_a_saved_choice_wins(
        self, world, authority_staff, measures
    ):
        first = short_file(
            authority_staff,
            world.authority,
            f"{world.school_a.official_id},2025,read-5,,49",
            f"{world.school_a.official_id},2025,read-5,girls,51",
            header="school_id,school_year,measure_code,breakdown,value",
        )
        assert [(key["key"], key["breakdown"]) for key in first.preview["unmapped"]] == [
            ("read-5", "girls")
        ]
        # Skipping the code without a breakdown, too, is remembered over the same code.
        services.import_mapping_save(
            actor=authority_staff,
            result_import=first,
            measures=[
                services.MeasureChoice(source_key="read-5", breakdown=breakdown, measure=None)
                for breakdown in ("", "girls")
            ],
            schools=[],
        )
        first.refresh_from_db()
        assert (first.preview["values"], first.preview["can_commit"]) == (0, False)
