"""`import_organisations`: schools and invitations from CSV, all or nothing."""

import codecs
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from qnet.models import (
    AuditEntry,
    Authority,
    Invitation,
    Network,
    NetworkMembership,
    OutboxMessage,
    Role,
    School,
)
from qnet.organisation_import import SAMPLE_PEOPLE, SAMPLE_SCHOOLS
from qnet.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SCHOOLS = """\
name;kind;city;official_id;authority;network
Nordpark School;primary;Nordpark;0920001;Demo authority;Demo network
Hafen College;Vocational;Hafen;0920002;demo authority;
"""
PEOPLE = """\
email;Full name;role;authority;school;network;language
Nora@Nordpark.example.org;Nora Nordpark;school_leader;Demo authority;0920001;;
staff@nordpark.example.org;Nils Neumann;school_staff;Demo authority;Hafen College;;nl
cora@example.org;Cora Coordinator;coordinator;;;Demo network;
quality@example.org;Quentin Quality;authority_staff;Demo authority;;;nb
"""


@pytest.fixture
def files(tmp_path):
    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write


def _import(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_organisations", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def _nothing_written(world) -> bool:
    return (
        not School.objects.filter(official_id__startswith="092").exists()
        and not Invitation.objects.exists()
        and not OutboxMessage.objects.exists()
        and not AuditEntry.objects.exists()
    )


def test_it_creates_the_schools_and_queues_the_invitations(world, files):
    out, _err = _import(
        schools=files("schools.csv", "\ufeff" + SCHOOLS), people=files("people.csv", PEOPLE)
    )
    nordpark = School.objects.get(authority=world.authority, official_id="0920001")
    assert (nordpark.name, nordpark.kind, nordpark.city) == (
        "Nordpark School",
        "primary",
        "Nordpark",
    )
    assert School.objects.get(official_id="0920002").kind == "vocational"
    assert NetworkMembership.objects.filter(network=world.network, school=nordpark).exists()
    invitations = {i.email: i for i in Invitation.objects.all()}
    assert invitations["nora@nordpark.example.org"].school == nordpark
    assert invitations["nora@nordpark.example.org"].full_name == "Nora Nordpark"
    assert invitations["staff@nordpark.example.org"].role == Role.SCHOOL_STAFF
    assert invitations["cora@example.org"].network == world.network
    assert invitations["quality@example.org"].authority == world.authority
    assert all(i.invited_by is None for i in invitations.values())
    assert "Imported: 2 schools created (0 there already), 1 network memberships, " in out
    assert "4 invitations queued" in out


def test_each_invitation_is_an_outbox_row_in_the_invitees_language(world, files):
    _import(schools=files("schools.csv", SCHOOLS), people=files("people.csv", PEOPLE))
    subjects = {m.to: m.subject for m in OutboxMessage.objects.all()}
    assert subjects == {
        # No language given: the authority's country's (Demo authority is in Germany).
        "nora@nordpark.example.org": "Ihre Einladung zu Nordpark School auf qnet",
        "staff@nordpark.example.org": "Je uitnodiging voor Hafen College op qnet",
        # No language given: the network's.
        "cora@example.org": "Your invitation to Demo network on qnet",
        "quality@example.org": "Invitasjonen din til Demo authority i qnet",
    }
    body = OutboxMessage.objects.get(to="staff@nordpark.example.org").body_text
    assert "Hallo Nils Neumann," in body
    assert "als Schoolmedewerker bij Hafen College" in body
    languages = dict(Invitation.objects.values_list("email", "language"))
    assert languages["staff@nordpark.example.org"] == "nl"


def test_the_system_is_the_actor_in_the_audit_log(world, files):
    _import(schools=files("schools.csv", SCHOOLS), people=files("people.csv", PEOPLE))
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions.count("school.create") == 2
    assert actions.count("network.school_add") == 1
    assert actions.count("invitation.create") == 4
    assert not AuditEntry.objects.filter(actor__isnull=False).exists()


def test_a_dry_run_checks_everything_and_writes_nothing(world, files):
    out, _err = _import(
        schools=files("schools.csv", SCHOOLS), people=files("people.csv", PEOPLE), dry_run=True
    )
    assert "Dry run, nothing written: 2 schools to create" in out
    assert "4 invitations to send" in out
    assert _nothing_written(world)
    assert not NetworkMembership.objects.filter(school__official_id="0920001").exists()


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_written(world, files):
    schools = (
        SCHOOLS
        + "Castle School;castle;Burg;0920003;Demo authority;\n"
        + "Lost School;primary;Nowhere;0920004;No such authority;\n"
        + ";primary;Nameless;0920005;Demo authority;No such network\n"
    )
    people = (
        PEOPLE
        + "not-an-address;X;school_staff;Demo authority;0920001;;\n"
        + "pat@example.org;Pat;janitor;Demo authority;0920001;;\n"
        + "kim@example.org;Kim;school_staff;Demo authority;0999999;;\n"
        + "lou@example.org;Lou;school_staff;Demo authority;0920001;;fr\n"
        + "Nora@nordpark.example.org;Nora Nordpark;school_leader;Demo authority;0920001;;\n"
    )
    with pytest.raises(CommandError, match=r"9 problem\(s\): nothing was imported"):
        _import(schools=files("schools.csv", schools), people=files("people.csv", people))
    _out, err = _capture_errors(files("schools.csv", schools), files("people.csv", people))
    assert err.splitlines() == [
        "schools, line 4, column kind: “castle” is not one of: primary, secondary, "
        "vocational, special, other.",
        "schools, line 5, column authority: No authority is named “No such authority”.",
        "schools, line 6, column network: No network is named “No such network”.",
        "schools, line 6, column name: This field cannot be blank.",
        "people, line 6, column email: “not-an-address” is not an email address.",
        "people, line 7, column role: “janitor” is not one of: school_leader, school_staff, "
        "coordinator, authority_staff.",
        "people, line 8, column school: Demo authority has no school with the id or name "
        "“0999999”.",
        "people, line 9, column language: “fr” is not one of: en, de, nl, nb.",
        "people, line 10, column email: The same invitation is on line 2.",
    ]
    assert _nothing_written(world)


def _capture_errors(schools: Path, people: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import_organisations", schools=schools, people=people, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_addresses_and_names_must_fit_an_invitation(world, files):
    people = (
        "email;full_name;role;authority\n"
        "two@@example.org;Two;authority_staff;Demo authority\n"
        f"{'a' * 250}@example.org;Long;authority_staff;Demo authority\n"
        f"ok@example.org;{'N' * 201};authority_staff;Demo authority\n"
    )
    _out, err = _capture_errors(files("schools.csv", SCHOOLS), files("people.csv", people))
    assert [line.split(": ")[0] for line in err.splitlines()] == [
        "people, line 2, column email",
        "people, line 3, column email",
        "people, line 4, column full_name",
    ]
    assert _nothing_written(world)


def test_a_missing_column_is_reported_on_the_header_line(world, files):
    _out, err = _capture_errors(
        files("schools.csv", "name,kind,city\nA,primary,X\n"),
        files("people.csv", "email,role\na@example.org,school_staff\n"),
    )
    assert err.splitlines() == [
        "schools, line 1, column official_id: This column is missing from the header line.",
        "schools, line 1, column authority: This column is missing from the header line.",
        "people, line 1, column full_name: This column is missing from the header line.",
    ]


def test_a_file_that_is_not_csv_is_refused_as_a_whole(world, files):
    _out, err = _capture_errors(
        files("schools.csv", "just one column\nA\n"), files("people.csv", PEOPLE)
    )
    assert "schools: No column separator found in the first line" in err
    assert _nothing_written(world)


def test_comma_separated_windows_1252_files_are_read(world, files):
    schools = (
        "name,kind,city,official_id,authority\nSüdhafen Schule,primary,Süd,0920009,Demo authority\n"
    )
    _import(schools=files("schools.csv", schools, encoding="cp1252"))
    assert School.objects.get(official_id="0920009").name == "Südhafen Schule"


def test_utf16_files_are_read(world, files):
    path = files("schools.csv", "")
    path.write_bytes(codecs.BOM_UTF16_LE + SCHOOLS.encode("utf-16-le"))
    _import(schools=path)
    assert School.objects.filter(official_id__in=["0920001", "0920002"]).count() == 2


def test_importing_the_same_files_again_changes_nothing(world, files):
    schools, people = files("schools.csv", SCHOOLS), files("people.csv", PEOPLE)
    _import(schools=schools, people=people)
    counts = (School.objects.count(), Invitation.objects.count(), OutboxMessage.objects.count())
    out, _err = _import(schools=schools, people=people)
    assert counts == (
        School.objects.count(),
        Invitation.objects.count(),
        OutboxMessage.objects.count(),
    )
    assert "0 schools created (2 there already)" in out
    assert "0 invitations queued (4 people had the role or an open invitation)" in out


def test_someone_who_has_the_role_is_left_alone(world, files):
    user = UserFactory(email="nora@nordpark.example.org")
    MembershipFactory(user=user, role=Role.SCHOOL_LEADER, school=world.school_a)
    people = (
        "email;full_name;role;authority;school\n"
        f"{user.email};Nora;school_leader;Demo authority;{world.school_a.official_id}\n"
    )
    out, _err = _import(people=files("people.csv", people), verbosity=2)
    assert (
        "Left alone: nora@nordpark.example.org as School leader at School A (has the role)" in out
    )
    assert not Invitation.objects.exists()


def test_an_official_id_the_authority_gave_another_school_is_an_error(world, files):
    schools = (
        "name;kind;city;official_id;authority\n"
        f"Not School A;primary;X;{world.school_a.official_id};Demo authority\n"
    )
    _out, err = _capture_errors(files("schools.csv", schools), files("people.csv", PEOPLE))
    assert "schools, line 2, column official_id: Demo authority's school with this id is " in err


def test_it_needs_at_least_one_file(db):
    with pytest.raises(CommandError, match="Give --schools, --people or both."):
        call_command("import_organisations")


def test_the_sample_files_match_the_help_and_import_cleanly(db, files):
    root = Path(settings.BASE_DIR) / "docs" / "import"
    assert (root / "schools.csv").read_text() == SAMPLE_SCHOOLS
    assert (root / "people.csv").read_text() == SAMPLE_PEOPLE
    authority = Authority.objects.create(name="City of Example", country="DE")
    Network.objects.create(name="Example network", authority=authority)
    out, _err = _import(schools=root / "schools.csv", people=root / "people.csv", dry_run=True)
    assert "2 schools to create" in out
    assert "4 invitations to send" in out
