"""Cache headers for downloads, set in one place so that no download can forget them.

A downloaded file is personal unless a view says otherwise: a participant list, a data
export, a draft's PDF, a calendar behind a secret address. Browsers keep such files on
disk and proxies may share them between people, so each carries
`Cache-Control: no-store, private` (with Django's other never-cache headers). A view
serving a file that anyone may fetch (a published report) marks it `public_download`.
"""

from functools import wraps

from django.http import FileResponse
from django.utils.cache import add_never_cache_headers


def public_download(view):
    """The view's file is public (a published report): caches may keep it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_download = True
        return response

    return wrapper


def _is_download(response) -> bool:
    return isinstance(response, FileResponse) or response.has_header("Content-Disposition")


class PrivateDownloadMiddleware:
    """Every download not marked public is never stored by a browser or a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_download(response) and not getattr(response, "public_download", False):
            add_never_cache_headers(response)
        return response
