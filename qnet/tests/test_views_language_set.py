import pytest

pytestmark = pytest.mark.django_db
URL = "/language/"


def test_it_switches_an_anonymous_visitor_by_cookie(client):
    response = client.post(URL, {"language": "de", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert client.get("/").headers["Content-Language"] == "de"


def test_it_remembers_the_choice_of_a_signed_in_person(login, staff_a):
    login(staff_a).post(URL, {"language": "nb", "next": "/"})
    staff_a.refresh_from_db()
    assert staff_a.preferred_language == "nb"


def test_it_ignores_a_foreign_next_url(client):
    response = client.post(URL, {"language": "nl", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_it_ignores_an_unknown_language(client):
    response = client.post(URL, {"language": "xx"})
    assert response.status_code == 302
    assert "django_language" not in response.cookies


def test_it_rejects_get(client):
    assert client.get(URL).status_code == 405


@pytest.mark.parametrize("target", ["no-such-page", "events:list", "$\\undefinedcmd$"])
def test_a_next_that_is_no_path_goes_home(client, target):
    # redirect() would read a bare word as a URL name and fail to reverse it (a 500).
    response = client.post(URL, {"language": "de", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
