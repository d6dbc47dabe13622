"""No input makes a server error: forms and imports fuzzed with hypothesis."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from selfassessment.importers import ImportFileError, parse_file
from selfassessment.models import Measure, Result
from selfassessment.services import result_import_commit, result_import_upload
from tests import formfuzz
from tests.permission_matrix.table import ROWS
from tests.permission_matrix.world import build

# Derandomised: CI explores the same inputs every run, so a red build is reproducible.
FUZZ = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Per form: a few mixes after the fixed rounds, unshrunk (the failure names its values),
# so the whole matrix stays within a minute.
FORM_FUZZ = settings(
    derandomize=True,
    database=None,
    max_examples=4,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
SEPARATORS = st.sampled_from([";", "|", ",", "\t"])
CELLS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)


@st.composite
def csv_bytes(draw):
    """Plausible CSV: a known header (or not), rows of random cells, a random encoding."""
    sep = draw(SEPARATORS)
    header = draw(
        st.sampled_from(
            [
                ["school_id", "school_year", "measure_code", "value", "n", "status"],
                [
                    "EnhetNivaa",
                    "Organisasjonsnummer",
                    "EnhetNavn",
                    "2023-24.Lesing.5. år.A.B.Skalapoeng",
                ],
                [
                    "INSTELLINGSCODE",
                    "VESTIGINGSCODE",
                    "INSTELLINGSNAAM VESTIGING",
                    "ONDERWIJSTYPE VO",
                    "EXAMENKANDIDATEN",
                    "GESLAAGDEN",
                    "GEZAKTEN",
                ],
                ["school", "measure", "year", "value", "n"],
            ]
        )
    )
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 1), max_size=6))
    text = "\n".join(sep.join(row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=st.one_of(csv_bytes(), st.binary(max_size=300)))
def test_the_export_readers_answer_every_file_with_a_result_or_a_clear_error(data):
    try:
        result = parse_file(data)
        values = list(result.values)
    except ImportFileError as error:
        assert str(error)
    else:
        assert result.values_read + result.comparisons_read == len(values)
        assert all(e.line >= 1 and e.message for e in result.errors)


# Cells a person types into the short shape, the world's own names and codes among them.
SHORT_CELLS = st.one_of(
    CELLS,
    st.sampled_from(
        ["School A", "school b", "Fjordvik skole", "read-5", "2025", "2024-25", "49,5", "0", "30"]
    ),
)


@st.composite
def short_results_file(draw):
    sep = draw(SEPARATORS)
    rows = draw(st.lists(st.lists(SHORT_CELLS, min_size=4, max_size=6), max_size=6))
    text = "\n".join(sep.join(row) for row in [["school", "measure", "year", "value", "n"], *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return text.encode(encoding, errors="replace")


def _stored():
    return list(Result.objects.order_by("pk").values_list("pk", "status", "value", "n"))


@pytest.mark.django_db
@FUZZ
@given(data=short_results_file())
def test_a_short_results_file_is_stored_whole_or_refused_with_a_message(
    authority_staff, world, settings, tmp_path, data
):
    settings.MEDIA_ROOT = tmp_path
    Measure.objects.get_or_create(
        authority=world.authority, code="read-5", defaults={"name": "Reading", "threshold": 48}
    )
    try:
        result_import = result_import_upload(
            actor=authority_staff, authority=world.authority, file_name="r.csv", data=data
        )
    except ValidationError as error:
        assert error.messages
        return
    before = _stored()
    try:
        summary = result_import_commit(actor=authority_staff, result_import=result_import)
    except ValidationError as error:
        assert error.messages
        assert not result_import.preview.get("can_commit")
        assert _stored() == before
    else:
        assert summary["values"] == result_import.preview["values"]


@pytest.mark.django_db
@FUZZ
@given(
    full_name=st.text(max_size=300),
    language=st.text(max_size=10),
    email=st.text(max_size=80),
    role=st.text(max_size=20),
)
def test_profile_and_invitation_forms_never_answer_500(
    login, leader_a, world, full_name, language, email, role
):
    client = login(leader_a)
    response = client.post("/profile/", {"full_name": full_name, "preferred_language": language})
    assert response.status_code in (200, 302)
    response = client.post(
        f"/organisations/school/{world.school_a.pk}/invite/", {"email": email, "role": role}
    )
    assert response.status_code in (200, 302)


@pytest.mark.django_db
@FUZZ
@given(data=st.one_of(csv_bytes(), st.binary(max_size=300)), kind=st.sampled_from(["", "udir"]))
def test_uploading_any_export_answers_with_a_preview_or_a_clear_message(
    login, authority_staff, world, settings, tmp_path, data, kind
):
    settings.MEDIA_ROOT = tmp_path
    response = login(authority_staff).post(
        "/self-assessment/results/imports/",
        {"file": SimpleUploadedFile("export.csv", data), "kind": kind, "school_year": "2024-25"},
    )
    # 302 to the preview of a stored file, or 400 with the reason: never a server error.
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        preview = login(authority_staff).get(response["Location"])
        assert preview.status_code == 200


def _mixes(client, target):
    """Hypothesis' mixes for one form: one or two fields attacked with extremes of their
    kind or random text, the rest valid."""
    names = sorted(target.fields)

    @FORM_FUZZ
    @given(data=st.data())
    def submit(data):
        attacked = data.draw(st.sets(st.sampled_from(names), min_size=1, max_size=2))
        formfuzz.post(
            client,
            target,
            {
                name: data.draw(
                    st.one_of(
                        st.sampled_from(formfuzz.extremes(target.fields[name].kind) or [""]),
                        st.text(max_size=20),
                    ),
                    label=name,
                )
                for name in sorted(attacked)
            },
        )

    submit()


@pytest.mark.django_db
def test_no_form_of_the_permission_matrix_answers_a_server_error(
    request, world, personas, client, login, settings, tmp_path
):
    """Every form-bearing POST of the matrix, as a persona allowed to make it: fixed rounds
    of extremes per field kind, then hypothesis' mixes (tests/formfuzz.py)."""
    settings.MEDIA_ROOT = tmp_path
    w = build(world, personas)
    found, failures, unbounded = [], [], set()
    for target in formfuzz.targets(ROWS, w):
        login(request.getfixturevalue(target.persona))
        try:
            formfuzz.discover(client, target)
            if not target.fields:
                continue
            found.append(target)
            unbounded.update(target.unbounded)
            for attacked in formfuzz.rounds(target):
                formfuzz.post(client, target, attacked)
            _mixes(client, target)
        except AssertionError as error:
            failures.append(str(error).splitlines()[0])
    assert len(found) > 40, [str(target) for target in found]
    assert not failures and not unbounded, (
        f"{len(failures)} server errors:\n"
        + "\n".join(failures)
        + "\nInteger and date fields without bounds (use qnet.bounds' fields): "
        + ", ".join(sorted(unbounded))
    )
