import pytest
from django.core.files.base import ContentFile

from coalitions.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


def make(coalition, visibility):
    return ResourceFactory(
        coalition=coalition,
        visibility=visibility,
        link="",
        file=ContentFile(PDF, name="x.pdf"),
        file_name="Early signals.pdf",
    )


def url(resource):
    return f"/coalitions/resources/{resource.pk}/download/"


def test_a_member_downloads_as_attachment(login, staff_a, coalition):
    resource = make(coalition, "coalition")
    response = login(staff_a).get(url(resource))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Early signals.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_anonymous_downloads_a_public_file(client, coalition):
    assert client.get(url(make(coalition, "public"))).status_code == 200


def test_anonymous_is_sent_to_login_for_a_network_file(client, coalition):
    response = client.get(url(make(coalition, "network")))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(make(coalition, "network"))).status_code == 404


def test_it_answers_404_for_a_link(login, staff_a, coalition):
    resource = ResourceFactory(coalition=coalition)
    assert login(staff_a).get(url(resource)).status_code == 404


def test_it_rejects_post(login, staff_a, coalition):
    assert login(staff_a).post(url(make(coalition, "coalition"))).status_code == 405
