import pytest
from django.core.exceptions import ImproperlyConfigured

from qnet.env import env_bool, env_int, env_list, env_str


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("X", "Yes")
    assert env_bool("X", False) is True
    monkeypatch.setenv("X", "0")
    assert env_bool("X", True) is False


def test_env_bool_fails_loudly_on_a_typo(monkeypatch):
    monkeypatch.setenv("X", "flase")
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env_bool("X", True)


def test_env_int_fails_loudly_on_text_and_on_too_small(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("N", 5, minimum=1)


def test_env_str_without_default_is_required(monkeypatch):
    monkeypatch.delenv("MISSING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MISSING is required"):
        env_str("MISSING")


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("L", "a.example, b.example,")
    assert env_list("L", []) == ["a.example", "b.example"]
