"""Table generations and the caches built on them (qnet.caching)."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection, transaction
from django.template import engines
from django.test import RequestFactory, override_settings
from django.utils import timezone, translation

from events.models import Event
from qnet import caching
from qnet.models import Authority, Network, School

pytestmark = pytest.mark.django_db


def token(*models):
    return caching.generations(models)


def test_an_insert_gives_the_table_a_new_generation(world):
    before = token(School)
    School.objects.create(name="New school", authority=world.authority)
    assert token(School) != before


def test_queryset_update_and_delete_count_as_writes(world):
    """The writes that model signals never hear of."""
    before = token(School)
    School.objects.filter(pk=world.school_a.pk).update(city="Bergen")
    after_update = token(School)
    assert after_update != before
    School.objects.filter(pk=world.school_b.pk).delete()
    assert token(School) != after_update


def test_raw_sql_through_djangos_connection_counts_as_a_write(world):
    before = token(Authority)
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{Authority._meta.db_table}" SET name = %s WHERE id = %s',
            ["Renamed", world.authority.pk],
        )
    assert token(Authority) != before


def test_a_read_changes_no_generation(world):
    before = token(School, Network)
    list(School.objects.all())
    School.objects.filter(pk=world.school_a.pk).exists()
    assert token(School, Network) == before


def test_a_write_leaves_other_tables_alone(world):
    before = token(Network)
    School.objects.filter(pk=world.school_a.pk).update(city="Oslo")
    assert token(Network) == before


def test_a_models_many_to_many_tables_count_as_its_own():
    through = Event.invited_schools.through._meta.db_table
    assert through in caching.tables_of([Event])


def test_it_reads_the_written_tables_from_the_sql():
    assert caching._written_tables('INSERT INTO "a" ("x") VALUES (1)') == ["a"]
    assert caching._written_tables('UPDATE "b" SET "x" = 1') == ["b"]
    assert caching._written_tables("  delete from c where 1") == ["c"]
    assert caching._written_tables('TRUNCATE "d", "e" RESTART IDENTITY;') == ["d", "e"]
    assert caching._written_tables('SELECT * FROM "a"') == []
    assert caching._written_tables("WITH x AS (SELECT 1) SELECT * FROM x") == []


@override_settings(CACHE_GENERATIONS_EAGER=False)
def test_in_a_transaction_the_new_generation_comes_with_the_commit(
    world, django_capture_on_commit_callbacks
):
    """A read between the write and the commit must not store old data under the new
    token, so the token only changes once the data has."""
    before = token(School)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        School.objects.filter(pk=world.school_a.pk).update(city="Utrecht")
        School.objects.filter(pk=world.school_b.pk).update(city="Utrecht")
        assert token(School) == before
    # One commit hook for the whole transaction, however many statements wrote.
    assert len(callbacks) == 1
    assert token(School) != before


@override_settings(CACHE_GENERATIONS_EAGER=False)
def test_a_write_after_a_rolled_back_savepoint_still_counts(
    world, django_capture_on_commit_callbacks
):
    before = token(School)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                School.objects.filter(pk=world.school_a.pk).update(city="Gone")
                raise RuntimeError
        except RuntimeError:
            pass
        assert token(School) == before
        School.objects.filter(pk=world.school_b.pk).update(city="Kept")
    assert token(School) != before


def test_a_lost_generation_is_replaced_by_a_new_one(world):
    from django.core.cache import cache

    first = token(School)
    cache.delete("gen:" + School._meta.db_table)
    second = token(School)
    assert second != first
    assert token(School) == second


def _count(world, calls):
    def compute():
        calls.append(1)
        return School.objects.count()

    return caching.shared("follow-up", "count", depends_on=(School,), compute=compute)


def test_a_kept_read_computes_once_until_its_tables_change(world):
    calls = []
    first = _count(world, calls)
    assert _count(world, calls) == first and len(calls) == 1
    School.objects.create(name="Another", authority=world.authority)
    assert _count(world, calls) == first + 1 and len(calls) == 2


def test_it_refuses_a_name_that_is_not_kept():
    with pytest.raises(ValueError, match="not a kept cache"):
        caching.shared("event-detail", 1, compute=lambda: "x")


def test_a_kept_read_is_kept_apart_by_language_and_parts(world):
    def read(part):
        return caching.shared("chart", part, compute=lambda: f"{translation.get_language()}:{part}")

    with translation.override("de"):
        assert read(1) == "de:1"
        assert read(2) == "de:2"
    with translation.override("nb"):
        assert read(1) == "nb:1"


def test_an_entry_drawn_from_tables_is_kept_apart_by_the_day(world):
    calls = []
    with mock.patch.object(caching.timezone, "localdate", return_value=date(2026, 12, 4)):
        _count(world, calls)
        _count(world, calls)
    with mock.patch.object(caching.timezone, "localdate", return_value=date(2026, 12, 5)):
        _count(world, calls)
    assert len(calls) == 2


def test_it_counts_hits_misses_and_bypasses(world):
    caching.stats_reset()
    calls = []
    _count(world, calls)
    _count(world, calls)
    _count(world, calls)
    assert caching.stats()["follow-up"] == caching.Counts(hit=2, miss=1, bypass=0)
    assert caching.stats()["follow-up"].hit_rate == pytest.approx(2 / 3)
    assert caching.stats()["chart"].hit_rate is None


def test_a_request_counts_once_when_it_ends(world):
    from django.core.cache import cache

    caching._on_request_started()
    try:
        with mock.patch.object(cache, "incr", wraps=cache.incr) as incr:
            for _ in range(5):
                caching.shared("chart", "same", compute=lambda: "svg")
            assert incr.call_count == 0
    finally:
        caching._on_request_finished()
    assert caching.stats()["chart"] == caching.Counts(hit=4, miss=1, bypass=0)


@override_settings(SHARED_CACHE=False)
def test_the_kill_switch_computes_every_read(world):
    calls = []
    _count(world, calls)
    _count(world, calls)
    assert len(calls) == 2


def test_a_failing_cache_computes_instead_of_failing_the_page(world, caplog):
    from django.core.cache import cache

    calls = []
    with mock.patch.object(cache, "get", side_effect=ConnectionError("Redis is down")):
        assert _count(world, calls) == School.objects.count()
    assert len(calls) == 1
    assert "computed instead" in caplog.text
    assert caching.stats()["follow-up"].bypass == 1


def test_a_failed_write_of_new_generations_does_not_fail_the_commit(world, caplog):
    from django.core.cache import cache

    with mock.patch.object(cache, "set_many", side_effect=ConnectionError("Redis is down")):
        caching.bump(["qnet_school"])
    assert "were not stored" in caplog.text


@override_settings(CACHE_GENERATIONS_EAGER=False)
def test_a_read_after_an_uncommitted_write_is_computed_and_not_kept(
    world, django_capture_on_commit_callbacks
):
    """Its result may hold a write that is rolled back, under tokens not yet renewed."""
    calls = []
    with django_capture_on_commit_callbacks(execute=False), transaction.atomic():
        School.objects.create(name="Not yet committed", authority=world.authority)
        _count(world, calls)
        _count(world, calls)
        transaction.set_rollback(True)
    assert len(calls) == 2
    assert caching.stats()["follow-up"].bypass == 2


def test_a_value_is_not_kept_beyond_its_expiry(world):
    calls = []

    def read(until):
        return caching.shared(
            "panel",
            "upcoming",
            depends_on=(School,),
            compute=lambda: calls.append(1) or "html",
            expires_at=lambda: until,
        )

    read(timezone.now() - timedelta(minutes=1))
    read(timezone.now() + timedelta(hours=1))
    assert len(calls) == 2, "an expired value is not kept"
    read(timezone.now() + timedelta(hours=1))
    assert len(calls) == 2


def _fragment(request, **context):
    return caching.shared_html(
        request,
        "follow-up",
        "test/fragment.html",
        depends_on=(School,),
        context=lambda: context,
    )


@pytest.fixture
def fragment_template(monkeypatch):
    templates = {
        "test/fragment.html": "<p>{{ text }}</p>",
        "test/form.html": "<form>{% csrf_token %}</form>",
    }
    engine = engines["django"].engine
    original = engine.get_template

    def get_template(name):
        if name in templates:
            return engine.from_string(templates[name])
        return original(name)

    monkeypatch.setattr(engine, "get_template", get_template)


def test_html_is_rendered_once_and_then_served(fragment_template, world):
    request = RequestFactory().get("/")
    assert _fragment(request, text="first") == "<p>first</p>"
    # Same parts and tables: the kept HTML, whatever the new context would say.
    assert _fragment(request, text="second") == "<p>first</p>"
    School.objects.filter(pk=world.school_a.pk).update(city="Bergen")
    assert _fragment(request, text="third") == "<p>third</p>"


def test_html_comes_back_from_the_cache_still_marked_safe(fragment_template):
    from django.utils.safestring import SafeString

    request = RequestFactory().get("/")
    _fragment(request, text="<b>")
    kept = _fragment(request, text="other")
    assert isinstance(kept, SafeString)
    # Escaped once by the template, not again when a page includes it.
    assert kept == "<p>&lt;b&gt;</p>"


def test_html_with_a_csrf_token_is_refused(fragment_template):
    request = RequestFactory().get("/")
    with pytest.raises(ValueError, match="CSRF"):
        caching.shared_html(request, "follow-up", "test/form.html", context=lambda: {})


def test_a_new_release_makes_new_keys(monkeypatch):
    calls = []
    caching.shared("chart", "release", compute=lambda: calls.append(1) or "a")
    monkeypatch.setattr(caching, "code_version", lambda: "another release")
    caching.shared("chart", "release", compute=lambda: calls.append(1) or "b")
    assert len(calls) == 2


def test_the_release_fingerprint_reads_code_templates_and_translations(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "node_modules").mkdir()
    template = tmp_path / "app" / "templates" / "page.html"
    template.write_text("<p>{% translate 'Hello' %}</p>")
    (tmp_path / "requirements.lock").write_text("django==5.2")

    def fingerprint():
        caching.code_version.cache_clear()
        return caching.code_version()

    try:
        first = fingerprint()
        (tmp_path / "node_modules" / "lib.html").write_text("not ours")
        assert fingerprint() == first
        template.write_text("<p>{% translate 'Hello again' %}</p>")
        second = fingerprint()
        assert second != first
        (tmp_path / "requirements.lock").write_text("django==5.2.1")
        assert fingerprint() != second
    finally:
        caching.code_version.cache_clear()


def test_a_request_reads_the_tokens_once(login, leader_a, world):
    """The dashboard asks for several kept panels; the tokens come in one round trip."""
    from django.core.cache import cache

    client = login(leader_a)
    client.get("/")
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        client.get("/")
    token_reads = [c for c in get_many.call_args_list if c.args[0][0].startswith("gen:")]
    assert len(token_reads) == 1


def test_a_write_in_the_request_gives_its_later_reads_the_new_token(world):
    # What request_started does (sending it would also close the test's connection).
    started = caching._request_tokens.set({})
    try:
        before = token(School)
        assert caching._request_tokens.get(), "the tokens are kept for the request"
        School.objects.filter(pk=world.school_a.pk).update(city="Tromsø")
        assert token(School) != before
    finally:
        caching._request_tokens.reset(started)


def test_nothing_drawn_from_data_outlives_clearing_the_cache(fragment_template):
    from django.core.cache import cache

    request = RequestFactory().get("/")
    caching.shared_html(request, "report", "test/fragment.html", context=lambda: {"text": "a"})
    cache.clear()
    fresh = caching.shared_html(
        request, "report", "test/fragment.html", context=lambda: {"text": "b"}
    )
    assert fresh == "<p>b</p>"
