"""Links in mail follow the port `make run` serves on, unless SITE_URL is set."""

import os
import shutil
import subprocess
import sys

import pytest

from qnet.tests.test_deploy_settings import ROOT

PRINT_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def _manage(*args, **env) -> subprocess.CompletedProcess:
    # The PORT and SITE_URL of the shell running the tests must not decide the answer.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QNET_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE", "PORT", "SITE_URL")
    }
    environment.update(DATABASE_URL="sqlite:///:memory:", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _site_url(**env) -> str:
    result = _manage("shell", "-v", "0", "-c", PRINT_SITE_URL, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_port():
    assert _site_url(PORT="8112") == "http://127.0.0.1:8112"


def test_site_url_defaults_to_port_8000():
    assert _site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_url_wins_over_port():
    assert _site_url(PORT="8112", SITE_URL="https://qnet.example.org/") == (
        "https://qnet.example.org"
    )


def test_a_port_that_is_not_a_number_stops_the_process():
    result = _manage("check", PORT="eighty")
    assert result.returncode != 0
    assert "PORT must be a whole number" in result.stderr


@pytest.mark.parametrize(("given", "expected"), [(None, "8000"), ("8112", "8112")])
def test_make_hands_port_to_the_processes_it_starts(given, expected):
    # The server and the worker of `make run` read PORT from their environment.
    env = {key: value for key, value in os.environ.items() if key != "PORT"}
    command = [shutil.which("make"), "-s", "--eval=show-port: ; @echo $$PORT", "show-port"]
    if given:
        command.append(f"PORT={given}")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
