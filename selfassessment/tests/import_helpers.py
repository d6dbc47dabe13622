"""Shared set-up for the results import tests: the real samples and the schools they name."""

from decimal import Decimal
from pathlib import Path

from qnet.tests.factories import SchoolFactory
from selfassessment import services
from selfassessment.models import ComparisonLevel, Measure

FIXTURES = Path(__file__).parent / "fixtures" / "real_exports"
UDIR = FIXTURES / "udir_statistikkbank_nasjonale_prover_5trinn_2023-24_sample.csv"
DUO = FIXTURES / "duo_vo_geslaagden_gezakten_cijfers_2024-2025_sample.csv"

# Arendal's schools in the Udir sample: 18 with figures; Flosta and Nesheim have few pupils.
ARENDAL = {
    "990334021": "Arendal International School",
    "975280888": "Asdal skole",
    "975283003": "Birkenlund skole",
    "975283208": "Eydehavn skole",
    "975283194": "Flosta skole",
    "982944694": "Hisøy skole",
    "975282996": "Moltemyr skole",
    "975283216": "Myra skole",
    "975280845": "Nedenes skole",
    "975283186": "Nesheim skole",
    "875280902": "Roligheden skole",
    "975280853": "Rykene oppvekstsenter",
    "975280896": "Sandnes skole",
    "974117061": "St Franciskus skole",
    "986078479": "Steinerskolen i Arendal",
    "875283022": "Stinta skole",
    "975280837": "Strømmen oppvekstsenter",
    "875283162": "Stuenes skole",
}
# Schools of the sample with "*" for every figure, and with no pupils tested.
SUPPRESSED_SCHOOLS = {"975283275": "Engesland skole", "975283267": "Herefoss skole"}
NO_PUPILS_SCHOOLS = {"975274764": "Lundstein skole"}
UDIR_KEY = "Lesing · 5. årstrinn · Skalapoeng"
UDIR_BREAKDOWN = "Alle eierformer · Alle kjønn"


def udir_schools(authority, ids=None):
    ids = ids or {**ARENDAL, **SUPPRESSED_SCHOOLS, **NO_PUPILS_SCHOOLS}
    return {
        official_id: SchoolFactory(authority=authority, name=name, official_id=official_id)
        for official_id, name in ids.items()
    }


def reading_measure(authority, **extra) -> Measure:
    return Measure.objects.create(
        authority=authority,
        code="nb-lesing-5",
        name="Lesing 5. trinn",
        unit="skalapoeng",
        threshold=Decimal("48"),
        min_group_size=10,
        **extra,
    )


def upload(actor, authority, path=UDIR, data=None, **kwargs):
    return services.result_import_upload(
        actor=actor,
        authority=authority,
        file_name=kwargs.pop("file_name", path.name),
        data=data if data is not None else path.read_bytes(),
        **kwargs,
    )


def map_udir(actor, result_import, measure, *, skip_rest=True, with_comparison=False):
    """Reading → the measure, every other Udir column skipped, unknown schools skipped."""
    if with_comparison:
        measure.comparison_level = ComparisonLevel.COUNTRY
        measure.save(update_fields=["comparison_level"])
    result_import.refresh_from_db()
    choices = [
        services.MeasureChoice(
            source_key=key["key"],
            breakdown=key["breakdown"],
            measure=measure if key["key"] == UDIR_KEY else None,
        )
        for key in result_import.preview["keys"]
    ]
    schools = (
        [services.SchoolChoice.of(unit) for unit in result_import.preview["unmatched"]]
        if skip_rest
        else []
    )
    return services.import_mapping_save(
        actor=actor, result_import=result_import, measures=choices, schools=schools
    )


def generic_export(rows: int, *, measures: int, schools: int, bad_every: int = 0) -> bytes:
    """A file in qnet's generic format: `rows` lines cycling through `measures` codes and
    `schools` ids (from 100000 up); with `bad_every`, every so many lines has no number."""
    lines = ["school_id,school_year,measure_code,value,n"]
    for i in range(rows):
        value = "lots" if bad_every and i % bad_every == 0 else f"{40 + i % 20},5"
        lines.append(
            f'{100000 + i % schools},2024-25,CODE{i % measures:05d},"{value}",{10 + i % 30}'
        )
    return ("\r\n".join(lines) + "\r\n").encode()
