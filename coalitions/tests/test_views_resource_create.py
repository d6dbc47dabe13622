import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coalitions.models import Resource

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(coalition):
    return f"/coalitions/{coalition.pk}/resources/new/"


def data(**extra):
    return {"kind": "good_practice", "title": "Early signals", "visibility": "network", **extra}


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_a_member_uploads_a_pdf(login, staff_a, coalition, world, _media_root):
    upload = SimpleUploadedFile("Early signals.pdf", PDF, content_type="application/pdf")
    response = login(staff_a).post(
        url(coalition),
        data(upload=upload, tags=" Dropout , data,dropout", school=world.school_a.pk),
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.tags == "data,dropout"
    assert resource.file_name == "Early signals.pdf"
    assert "Early signals" not in resource.file.name
    assert resource.file.name.endswith(".pdf")
    assert len(stored_files(_media_root)) == 1


def test_a_member_adds_a_link(login, staff_a, coalition):
    response = login(staff_a).post(url(coalition), data(link="https://example.org/x"))
    assert response.status_code == 302
    assert Resource.objects.get().link == "https://example.org/x"


def test_a_fake_pdf_is_refused_and_nothing_is_stored(login, staff_a, coalition, _media_root):
    upload = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = login(staff_a).post(url(coalition), data(upload=upload))
    assert response.status_code == 200
    assert "does not match its type PDF" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(_media_root) == []


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(
    login, staff_a, coalition, settings, _media_root
):
    settings.COALITIONS_MAX_UPLOAD_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200, content_type="application/pdf")
    response = login(staff_a).post(url(coalition), data(upload=upload))
    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(_media_root) == []


def test_an_unknown_file_type_is_refused(login, staff_a, coalition):
    upload = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = login(staff_a).post(url(coalition), data(upload=upload))
    assert "not accepted" in response.content.decode()
    assert not Resource.objects.exists()


def test_both_file_and_link_is_refused(login, staff_a, coalition):
    upload = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    response = login(staff_a).post(url(coalition), data(upload=upload, link="https://e.org"))
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_it_redirects_anonymous_to_login(client, coalition):
    assert client.get(url(coalition)).status_code == 302


def test_it_answers_404_out_of_scope(login, outsider, coalition):
    assert login(outsider).get(url(coalition)).status_code == 404


def test_it_forbids_a_non_member(login, leader_a, coalition):
    assert login(leader_a).post(url(coalition), data(link="https://e.org")).status_code == 403
    assert not Resource.objects.exists()


def test_it_rejects_put(login, staff_a, coalition):
    assert login(staff_a).put(url(coalition)).status_code == 405
