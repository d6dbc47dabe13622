"""The resource library across all coalitions a person may see, and its files."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.feedback import form_add_service_error

from .. import rules as crules
from .. import selectors, services
from ..forms import LibraryFilterForm, ResourceForm
from ._helpers import require

RESOURCES_PER_PAGE = 20


@require_GET
def library(request):
    """Open without login: anonymous visitors see the public resources."""
    form = LibraryFilterForm(request.GET or None, tags=selectors.library_tags(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    resources = selectors.library_search(
        request.user,
        text=filters.get("q", ""),
        kind=filters.get("kind", ""),
        tag=filters.get("tag", ""),
    )
    page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in filters.items() if value})
    return render(request, "coalitions/library.html", {"form": form, "page": page, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request, pk: int):
    coalition = selectors.coalition_get_for_user(user=request.user, pk=pk)
    require(crules.can_add_resource, request.user, coalition)
    form = ResourceForm(
        request.POST or None,
        request.FILES or None,
        schools=selectors.network_schools(coalition.network),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.resource_create(
                author=request.user,
                coalition=coalition,
                kind=data["kind"],
                title=data["title"],
                description=data["description"],
                upload=data["upload"],
                link=data["link"],
                tags=data["tags"],
                school=data["school"],
                visibility=data["visibility"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The resource is in the library."))
            return redirect("coalitions:detail", pk=pk)
    return render(request, "coalitions/resource_form.html", {"coalition": coalition, "form": form})


@require_GET
def resource_download(request, resource_pk: int):
    try:
        resource = selectors.resource_get_for_user(user=request.user, pk=resource_pk)
    except Http404:
        # A visitor may simply not be signed in yet; a signed-in stranger learns nothing.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=resource.file_name or resource.file.name.rsplit("/", 1)[-1],
    )


@login_required
@require_POST
def resource_delete(request, resource_pk: int):
    resource = selectors.resource_get_for_user(user=request.user, pk=resource_pk)
    coalition_pk = resource.coalition_id
    services.resource_delete(actor=request.user, resource=resource)
    messages.success(request, _("The resource was deleted."))
    return redirect("coalitions:detail", pk=coalition_pk)
