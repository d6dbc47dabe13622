import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_it_reports_database_ok_and_eager_broker(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "eager", "status": "ok"}


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_it_reports_an_unreachable_broker_as_error(client, monkeypatch):
    from qnet.celery import app

    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"


def test_it_needs_no_login_and_rejects_post(client):
    assert client.post("/health/").status_code == 405
