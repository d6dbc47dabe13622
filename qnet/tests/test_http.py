import io

from django.http import FileResponse, HttpResponse
from django.test import RequestFactory

from qnet.http import PrivateDownloadMiddleware, public_download


def _attachment(request):
    response = HttpResponse(b"a,b", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="x.csv"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_any_download_is_never_stored_even_when_the_view_said_public():
    response = PrivateDownloadMiddleware(_attachment)(RequestFactory().get("/x.csv"))
    assert {"no-store", "private", "max-age=0"} <= _directives(response)
    assert "public" not in _directives(response)


def test_an_inline_file_is_a_download_too():
    middleware = PrivateDownloadMiddleware(lambda request: FileResponse(io.BytesIO(b"%PDF")))
    assert "no-store" in _directives(middleware(RequestFactory().get("/file")))


def test_a_file_marked_public_keeps_its_caching():
    response = PrivateDownloadMiddleware(public_download(_attachment))(RequestFactory().get("/"))
    assert _directives(response) == {"public", "max-age=3600"}


def test_a_page_is_left_alone():
    middleware = PrivateDownloadMiddleware(lambda request: HttpResponse("<p>page</p>"))
    assert "Cache-Control" not in middleware(RequestFactory().get("/"))
