"""Results from the official exports: upload, progress, mapping, preview, commit."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qnet.exports import csv_response
from qnet.feedback import flash_service_error, form_add_service_error
from selfassessment import selectors, services
from selfassessment.forms import SKIP, ImportMappingForm, ResultImportUploadForm
from selfassessment.importers import PROFILES, generic
from selfassessment.models import ResultImport
from selfassessment.selectors import imports as import_selectors
from selfassessment.views.common import staff_authority_or_403

# The mapping page asks a page of measures and a page of schools at a time: a national
# export names thousands, and one form for all of them was megabytes of selects. A school
# row's select lists every school of the authority, so fewer of those rows fit a page.
MAPPING_KEYS_PER_PAGE = 50
MAPPING_SCHOOLS_PER_PAGE = 10
IMPORTS_PER_PAGE = 20


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    """Upload an export and see the earlier imports."""
    authority = staff_authority_or_403(request)
    form = ResultImportUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result_import = services.result_import_upload(
                    actor=request.user,
                    authority=authority,
                    file_name=upload.name,
                    data=upload.read(),
                    kind=form.cleaned_data["kind"],
                    school_year=form.cleaned_data["school_year"],
                )
            except ValidationError as error:
                form_add_service_error(form, error, field="file")
            else:
                return redirect("selfassessment:import_detail", pk=result_import.pk)
        status = 400
    page = Paginator(import_selectors.result_imports_of(authority), IMPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "selfassessment/imports/list.html",
        {"authority": authority, "form": form, "page": page},
        status=status,
    )


@login_required
@require_GET
def import_template(request):
    """The generic format's template, for every source without a profile of its own."""
    staff_authority_or_403(request)
    # In the reader's spreadsheet layout, like every CSV download; the import reads either.
    header, *rows = csv.reader(generic.template_csv().splitlines())
    return csv_response(filename="qnet-results-template.csv", header=header, rows=rows)


@login_required
@require_GET
def import_detail(request, pk: int):
    result_import = import_selectors.result_import_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "selfassessment/imports/detail.html",
        {"result_import": result_import, "preview": result_import.preview},
    )


@login_required
@require_GET
def import_status(request, pk: int):
    """Polled by the page while a worker reads the file; once it is read, the whole page
    reloads to show the preview."""
    result_import = import_selectors.result_import_get_for_user(user=request.user, pk=pk)
    response = render(
        request, "selfassessment/imports/_progress.html", {"result_import": result_import}
    )
    if result_import.state not in (ResultImport.State.QUEUED, ResultImport.State.READING):
        response["HX-Refresh"] = "true"
    return response


def _initial_choice(key: dict, measures_by_code: dict, skipped_by_default) -> str:
    """The saved choice; else a measure with the same code; else skip for the columns the
    source gives only as context (uncertainty, number tested); else ask."""
    if key["mapped"]:
        return str(key["measure_id"]) if key["measure_id"] else SKIP
    measure = measures_by_code.get(key["key"].lower())
    if measure:
        return str(measure.pk)
    return SKIP if key["key"].endswith(skipped_by_default) else ""


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request, pk: int):
    """Which measure each source measure becomes, and which school an unknown id is."""
    result_import = import_selectors.result_import_get_for_user(user=request.user, pk=pk)
    if result_import.state != ResultImport.State.READY:
        messages.error(request, _("This import can no longer be changed."))
        return redirect("selfassessment:import_detail", pk=pk)
    authority = result_import.authority
    measures = list(selectors.measures_of(authority))
    by_code = {m.code.lower(): m for m in measures}
    preview = result_import.preview
    skipped = PROFILES[result_import.profile.kind].SKIPPED_BY_DEFAULT
    # The unmapped measures come first in the preview, so the first page asks about them.
    keys_page = Paginator(preview.get("keys", []), MAPPING_KEYS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    unmatched = preview.get("unmatched", [])
    schools_page = Paginator(unmatched, MAPPING_SCHOOLS_PER_PAGE).get_page(
        request.GET.get("schools")
    )
    # Saving a page remembers the choices on it; the other pages keep theirs.
    form = ImportMappingForm(
        request.POST or None,
        keys=[{**key, "initial": _initial_choice(key, by_code, skipped)} for key in keys_page],
        unmatched=list(schools_page),
        measures=measures,
        schools=authority.schools.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.import_mapping_save(
                actor=request.user,
                result_import=result_import,
                measures=[
                    services.MeasureChoice(
                        source_key=choice["key"],
                        breakdown=choice["breakdown"],
                        measure=choice["measure"],
                        new=services.NewMeasure(**choice["new"]) if "new" in choice else None,
                    )
                    for choice in form.measure_choices(preview.get("keys", []))
                ],
                schools=[
                    services.SchoolChoice.of(unit, unit["school"])
                    for unit in form.school_choices(unmatched)
                ],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Mapping saved for this and every later import."))
            return redirect("selfassessment:import_detail", pk=pk)
    return render(
        request,
        "selfassessment/imports/mapping.html",
        {
            "result_import": result_import,
            "form": form,
            "keys_page": keys_page,
            "schools_page": schools_page,
            # Each list's page links keep the other list's page.
            "keys_query": f"schools={schools_page.number}",
            "schools_query": f"page={keys_page.number}",
            "unmapped_count": len(preview.get("unmapped", [])),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def import_commit(request, pk: int):
    result_import = import_selectors.result_import_get_for_user(user=request.user, pk=pk)
    try:
        summary = services.result_import_commit(actor=request.user, result_import=result_import)
    except ValidationError as error:
        flash_service_error(request, error)
    else:
        messages.success(
            request,
            _(
                "Imported %(values)s values: %(created)s new, %(updated)s changed, "
                "%(unchanged)s unchanged."
            )
            % summary,
        )
    return redirect("selfassessment:import_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_discard(request, pk: int):
    """Asks first; the stored file is deleted with the import."""
    result_import = import_selectors.result_import_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.result_import_discard(actor=request.user, result_import=result_import)
        except ValidationError as error:
            flash_service_error(request, error)
            return redirect("selfassessment:import_detail", pk=pk)
        messages.success(request, _("The import was discarded. Nothing was stored."))
        return redirect("selfassessment:import_list")
    return render(request, "selfassessment/imports/discard.html", {"result_import": result_import})
