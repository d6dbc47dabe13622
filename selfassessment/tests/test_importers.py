"""The official exports as they really come, read into normalised values."""

import tracemalloc
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from selfassessment.importers import ImportFileError, Status, parse_file
from selfassessment.importers.generic import template_csv
from selfassessment.tests.import_helpers import generic_export

FIXTURES = Path(__file__).parent / "fixtures" / "real_exports"
UDIR = FIXTURES / "udir_statistikkbank_nasjonale_prover_5trinn_2023-24_sample.csv"
DUO = FIXTURES / "duo_vo_geslaagden_gezakten_cijfers_2024-2025_sample.csv"


def read(data: bytes, **kwargs) -> SimpleNamespace:
    """The whole file read at once, school values and comparison figures apart."""
    result = parse_file(data, **kwargs)
    values = list(result.values)
    return SimpleNamespace(
        profile=result.profile,
        encoding=result.encoding,
        delimiter=result.delimiter,
        rows_read=result.rows_read,
        errors=list(result.errors),
        values=[v for v in values if not v.comparison],
        comparisons=[v for v in values if v.comparison],
        counts=(result.values_read, result.comparisons_read),
    )


def _find(values, official_id, measure_key, breakdown=None):
    return next(
        v
        for v in values
        if v.official_id == official_id
        and v.measure_key == measure_key
        and (breakdown is None or v.breakdown == breakdown)
    )


class TestUdir:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return read(UDIR.read_bytes())

    def test_it_detects_the_profile_encoding_and_separator(self, result):
        assert (result.profile, result.encoding, result.delimiter) == ("udir", "utf-16", "|")
        assert result.errors == []

    def test_it_imports_only_the_school_rows_with_nine_values_each(self, result):
        # 55 rows: 1 country, 1 county, 8 municipalities, 45 schools; 9 value columns.
        assert result.rows_read == 55
        assert len({v.official_id for v in result.values}) == 45
        assert len(result.values) == 45 * 9
        assert all(len(v.official_id) == 9 for v in result.values)
        assert len(result.comparisons) == 10 * 9
        assert result.counts == (45 * 9, 10 * 9)

    def test_every_star_is_suppressed_with_no_value(self, result):
        suppressed = [v for v in result.values if v.status == Status.SUPPRESSED]
        assert len(suppressed) == 102
        assert all(v.value is None for v in suppressed)

    def test_an_empty_value_with_no_participants_means_no_pupils(self, result):
        value = _find(result.values, "974598469", "Lesing · 5. årstrinn · Skalapoeng")
        assert value.status == Status.NO_PUPILS and value.value is None and value.n == 0

    def test_decimal_comma_space_thousands_and_n(self, result):
        value = _find(result.values, "990334021", "Engelsk · 5. årstrinn · Usikkerhet")
        assert value.value == Decimal("3.6")
        assert value.n == 21
        assert value.school_year == "2023-24"
        assert value.breakdown == "Alle eierformer · Alle kjønn"
        country = _find(result.comparisons, "I", "Engelsk · 5. årstrinn · Antall elever deltatt")
        assert country.value == Decimal("56875")


class TestDuo:
    @pytest.fixture(scope="class")
    @classmethod
    def result(cls):
        return read(DUO.read_bytes(), school_year="2024-25")

    def test_it_aggregates_departments_per_location_and_track(self, result):
        assert (result.profile, result.delimiter) == ("duo", ";")
        assert result.errors == []
        assert result.rows_read == 42
        groups = {(v.official_id, v.breakdown) for v in result.values}
        assert len(groups) == 14
        assert ("00AH07", "VMBO TL") in groups
        assert len(result.values) == 14 * 6

    def test_a_suppressed_part_makes_the_total_suppressed(self, result):
        # 00AH00 HAVO has departments with "<5" candidates.
        total = _find(result.values, "00AH00", "EXAMENKANDIDATEN", "HAVO")
        assert total.status == Status.SUPPRESSED and total.value is None
        average = _find(result.values, "00AH00", "GEMIDDELD CIJFER CIJFERLIJST", "HAVO")
        assert average.status == Status.SUPPRESSED

    def test_known_parts_are_summed_and_averaged_by_candidates(self):
        data = (
            '"INSTELLINGSCODE";"VESTIGINGSCODE";"INSTELLINGSNAAM VESTIGING";"ONDERWIJSTYPE VO";'
            '"EXAMENKANDIDATEN";"GESLAAGDEN";"GEZAKTEN";"GEMIDDELD CIJFER CIJFERLIJST"\n'
            '"01AB";"01AB00";"X";"HAVO";"10";"8";"2";"6,0"\n'
            '"01AB";"01AB00";"X";"HAVO";"30";"27";"3";"7,0"\n'
        ).encode("cp1252")
        result = read(data, school_year="2024-25")
        assert _find(result.values, "01AB00", "EXAMENKANDIDATEN").value == 40
        assert _find(result.values, "01AB00", "GESLAAGDEN").value == 35
        assert _find(result.values, "01AB00", "GEMIDDELD CIJFER CIJFERLIJST").value == Decimal(
            "6.75"
        )
        assert result.encoding == "utf-8"


class TestGeneric:
    def test_the_template_parses_with_one_suppressed_line(self):
        result = read(template_csv().encode())
        assert result.profile == "generic" and result.errors == []
        assert [v.status for v in result.values] == [Status.REPORTED, Status.SUPPRESSED]
        assert result.values[0].official_id == "0910001"  # leading zero kept

    def test_a_value_like_12_3_4_is_an_error_with_its_line(self):
        data = 'school_id,school_year,measure_code,value\n1,2025-26,M,5\n2,2025-26,M,"12,3,4"\n'
        result = read(data.encode())
        assert [(e.line, "is not a number" in e.message) for e in result.errors] == [(3, True)]

    def test_cp1252_and_tab_separators_are_read(self):
        data = (
            "school_id\tschool_year\tmeasure_code\tvalue\tbreakdown\n"
            "7\t2025-26\tM\t1,5\tJungen/Mädchen\n"
        )
        result = read(data.encode("cp1252"))
        assert (result.encoding, result.delimiter) == ("cp1252", "\t")
        assert result.values[0].breakdown == "Jungen/Mädchen"

    def test_the_short_shape_is_the_generic_format_under_other_names(self):
        result = read(b"School,Measure,Year,Value,N\nSchool A,read-5,2025,49.5,30\n")
        value = result.values[0]
        assert result.profile == "generic" and result.errors == []
        assert (value.official_id, value.id_scheme, value.measure_key, value.school_year) == (
            "School A",
            "local",
            "read-5",
            "2025",
        )
        assert (value.value, value.n, value.status) == (Decimal("49.5"), 30, Status.REPORTED)

    def test_a_generic_column_name_wins_over_its_short_name(self):
        data = b"school,school_id,school_year,measure_code,value\nSchool A,0910001,2025,M,5\n"
        assert read(data).values[0].official_id == "0910001"

    def test_a_reported_value_of_nobody_is_an_error(self):
        result = read(b"school,measure,year,value,n\nSchool A,M,2025,5,0\n")
        assert [(e.line, e.message) for e in result.errors] == [
            (2, "A reported result comes from at least one person.")
        ]


class TestBadFiles:
    def test_a_binary_file_is_refused_clearly(self):
        with pytest.raises(ImportFileError, match="not a text file"):
            parse_file(b"PK\x03\x04\x00\x00binary")

    def test_a_file_without_separators_is_refused(self):
        with pytest.raises(ImportFileError, match="No column separator"):
            parse_file(b"just one column\n1\n")

    def test_an_unknown_header_is_refused(self):
        with pytest.raises(ImportFileError, match="match no known export"):
            parse_file(b"a;b;c\n1;2;3\n")

    def test_the_wrong_profile_is_named(self):
        with pytest.raises(ImportFileError, match="looks like"):
            parse_file(DUO.read_bytes(), profile="udir")

    def test_a_truncated_udir_file_reports_the_line(self):
        text = UDIR.read_bytes().decode("utf-16")
        truncated = text[: text.index("990334021") + 20].encode("utf-16")
        result = read(truncated)
        assert result.errors and result.errors[-1].line == 5
        assert "truncated" in result.errors[-1].message


class TestLargeFiles:
    def test_reading_takes_memory_far_below_the_files_size(self, tmp_path):
        path = tmp_path / "export.csv"
        path.write_bytes(generic_export(60_000, measures=60, schools=401, bad_every=50))
        size = path.stat().st_size
        assert size > 2 * 1024 * 1024
        with path.open("rb") as handle:
            tracemalloc.start()
            try:
                result = parse_file(handle)
                values = sum(1 for _value in result.values)
                _current, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
        assert (values, result.errors.count) == (60_000 - 1_200, 1_200)
        assert len(list(result.errors)) == 200
        assert peak < size / 8

    def test_the_first_problems_by_line_are_kept_and_all_are_counted(self):
        data = generic_export(1_000, measures=3, schools=7, bad_every=2)
        result = parse_file(data)
        assert sum(1 for _value in result.values) == 500
        errors = list(result.errors)
        assert result.errors.count == 500
        assert [e.line for e in errors] == list(range(2, 402, 2))

    def test_a_long_cell_is_quoted_short_in_its_message(self):
        data = b"school_id,school_year,measure_code,value\n1,2024-25,M," + b"9x" * 50_000 + b"\n"
        result = read(data)
        assert len(result.errors) == 1
        assert len(result.errors[0].message) < 100

    def test_a_count_beyond_what_the_database_holds_is_a_line_error(self):
        data = b"school_id,school_year,measure_code,value,n\n1,2024-25,M,5,99999999999\n"
        result = read(data)
        assert [(e.line, "too large" in e.message) for e in result.errors] == [(2, True)]
