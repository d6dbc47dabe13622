"""Production settings pass Django's deployment checks, and bad ones fail at start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 30 + "-production-like-secret-for-the-check",
    "ALLOWED_HOSTS": "qnet.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    # Nothing connects to it: `check` only reads the settings.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CACHE_REDIS_URL": "",
    "QNET_TESTING": "0",
}


def _manage(*args, env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QNET_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_short_secret_key_stops_the_process():
    result = _manage("check", env_overrides={**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr


def test_a_misspelt_boolean_stops_the_process():
    result = _manage("check", env_overrides={**PRODUCTION_ENV, "DEBUG": "flase"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
