"""Table generations and the caches built on them (qnet.caching)."""

from unittest import mock

import pytest
from django.db import connection, transaction
from django.template import engines
from django.test import RequestFactory, override_settings
from django.utils import translation

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


def test_cached_value_computes_once_until_its_tables_change(world):
    calls = []

    def compute():
        calls.append(1)
        return School.objects.count()

    def read():
        return caching.cached_value("test:count", depends_on=(School,), compute=compute)

    first = read()
    assert read() == first and len(calls) == 1
    School.objects.create(name="Another", authority=world.authority)
    assert read() == first + 1 and len(calls) == 2


def test_cached_value_is_kept_apart_by_language_and_parts(world):
    def read(part):
        return caching.cached_value(
            "test:lang",
            part,
            depends_on=(School,),
            compute=lambda: f"{translation.get_language()}:{part}",
        )

    with translation.override("de"):
        assert read(1) == "de:1"
        assert read(2) == "de:2"
    with translation.override("nb"):
        assert read(1) == "nb:1"


def _fragment(request, **context):
    return caching.cached_fragment(
        request,
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


def test_a_fragment_is_rendered_once_and_then_served(fragment_template, world):
    request = RequestFactory().get("/")
    assert _fragment(request, text="first") == "<p>first</p>"
    # Same parts and tables: the kept HTML, whatever the new context would say.
    assert _fragment(request, text="second") == "<p>first</p>"
    School.objects.filter(pk=world.school_a.pk).update(city="Bergen")
    assert _fragment(request, text="third") == "<p>third</p>"


def test_a_fragment_comes_back_from_the_cache_still_marked_safe(fragment_template):
    from django.utils.safestring import SafeString

    request = RequestFactory().get("/")
    _fragment(request, text="<b>")
    kept = _fragment(request, text="other")
    assert isinstance(kept, SafeString)
    # Escaped once by the template, not again when a page includes it.
    assert kept == "<p>&lt;b&gt;</p>"


def test_a_fragment_with_a_csrf_token_is_refused(fragment_template):
    request = RequestFactory().get("/")
    with pytest.raises(ValueError, match="CSRF"):
        caching.cached_fragment(request, "test/form.html", depends_on=(), context=lambda: {})


def test_a_new_release_makes_new_keys(monkeypatch):
    """After a deploy, HTML rendered by the old templates must not be shown."""
    before = caching.cache_key("test", depends_on=())
    monkeypatch.setattr(caching, "code_version", lambda: "next-release")
    assert caching.cache_key("test", depends_on=()) != before


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
    """The event page asks for several cached reads; the tokens come in one round trip."""
    from unittest import mock

    from django.core.cache import cache

    from events.tests.factories import EventFactory, FormatFactory

    event = EventFactory(format=FormatFactory(network=world.network))
    client = login(leader_a)
    client.get(f"/events/{event.pk}/")
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        client.get(f"/events/{event.pk}/")
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
    caching.cached_fragment(
        request, "test/fragment.html", depends_on=(), context=lambda: {"text": "a"}
    )
    cache.clear()
    fresh = caching.cached_fragment(
        request, "test/fragment.html", depends_on=(), context=lambda: {"text": "b"}
    )
    assert fresh == "<p>b</p>"


def test_the_fields_of_an_unbound_form_that_reads_no_table_are_kept_in_the_process(
    fragment_template,
):
    from django import forms
    from django.core.cache import cache

    class NameForm(forms.Form):
        name = forms.CharField()

    request = RequestFactory().get("/")
    html = caching.form_fields(request, "test/fragment.html", NameForm(), text="a")
    cache.clear()
    with mock.patch.object(caching, "cached_fragment") as rendered:
        assert caching.form_fields(request, "test/fragment.html", NameForm(), text="a") == html
    rendered.assert_not_called()
