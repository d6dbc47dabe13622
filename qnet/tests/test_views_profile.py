import pytest

pytestmark = pytest.mark.django_db
URL = "/profile/"


def test_it_shows_name_and_roles(login, leader_a):
    response = login(leader_a).get(URL)
    assert response.status_code == 200
    assert b"Lea Albers" in response.content
    assert b"School leader" in response.content


def test_it_saves_name_and_language_and_speaks_it_afterwards(login, leader_a):
    client = login(leader_a)
    response = client.post(URL, {"full_name": "Lea Albers-Berg", "preferred_language": "nl"})
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.full_name == "Lea Albers-Berg"
    assert leader_a.preferred_language == "nl"
    assert client.get("/").headers["Content-Language"] == "nl"


def test_it_requires_a_name(login, leader_a):
    response = login(leader_a).post(URL, {"full_name": "", "preferred_language": ""})
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors


def test_it_refuses_an_unknown_language(login, leader_a):
    response = login(leader_a).post(URL, {"full_name": "Lea", "preferred_language": "xx"})
    assert "preferred_language" in response.context["form"].errors


def test_it_redirects_anonymous_to_login(client):
    assert client.get(URL).status_code == 302
