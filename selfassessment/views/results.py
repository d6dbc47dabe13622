import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qnet import caching
from qnet.feedback import form_add_service_error
from qnet.rules import is_member_of_school, owns_school
from selfassessment import charts, selectors, services
from selfassessment.forms import FollowUpForm, ResultForm
from selfassessment.views.common import staff_authority_or_403

FOLLOW_UP_PER_PAGE = 50


def _chart(school, row, years):
    figures = [(cell[1], cell[2]) for cell in row.cells]
    school_values = [f.value if f else None for f, _avg in figures]
    average_values = [a.value if a else None for _f, a in figures]

    def spoken(values):
        return ", ".join(
            f"{year}: {value if value is not None else '—'}"
            for year, value in zip(years, values, strict=True)
        )

    description = _(
        "%(school)s: %(school_values)s. Authority average: %(average_values)s. "
        "Threshold %(threshold)s."
    ) % {
        "school": school.name,
        "school_values": spoken(school_values),
        "average_values": spoken(average_values),
        "threshold": row.measure.threshold,
    }
    return charts.trend_chart(
        chart_key=row.measure.code,
        title=row.measure.name,
        years=years,
        school=school_values,
        average=average_values,
        threshold=row.measure.threshold,
        school_label=school.name,
        average_label=_("Authority average"),
        threshold_label=_("Threshold"),
        description=description,
    )


@login_required
@require_GET
def results_school(request, pk: int):
    school = selectors.results_school_get_for_user(user=request.user, pk=pk)
    if not (is_member_of_school(request.user, school) or owns_school(request.user, school)):
        raise PermissionDenied

    can_edit = owns_school(request.user, school)
    editing = can_edit and request.GET.get("mode") == "edit"

    def results_with_charts():
        years, rows = selectors.school_results(school=school)
        for row in rows:
            row.chart = _chart(school, row, years)
        return years, rows

    # The figures and charts are the same for the school's people and the authority's
    # staff, and building them reads every result of the authority for the averages: the
    # data is kept, and the page as HTML, rendering 700 figures having been most of its
    # time. The edit links (staff only) are in a mode of their own, rendered each time.
    data = functools.cache(
        lambda: caching.shared(
            "school-results",
            "data",
            school.pk,
            depends_on=selectors.SCHOOL_RESULTS_DEPENDS_ON,
            compute=results_with_charts,
        )
    )

    def body_context(*, editing: bool) -> dict:
        years, rows = data()
        return {"school": school, "years": years, "rows": rows, "editing": editing}

    body_template = "selfassessment/_results_school_body.html"
    if editing:
        body = render_to_string(body_template, body_context(editing=True), request)
    else:
        body = caching.shared_html(
            request,
            "school-results",
            body_template,
            school.pk,
            depends_on=selectors.SCHOOL_RESULTS_DEPENDS_ON,
            context=lambda: body_context(editing=False),
        )
    return render(
        request,
        "selfassessment/results_school.html",
        {"school": school, "body": body, "can_edit": can_edit, "editing": editing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request, pk: int):
    result = selectors.result_get_for_user(user=request.user, pk=pk)
    if not owns_school(request.user, result.school):
        raise PermissionDenied
    form = ResultForm(
        request.POST or None,
        initial={"status": result.status, "value": result.value, "n": result.n},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.result_update(
                actor=request.user,
                result=result,
                status=form.cleaned_data["status"],
                value=form.cleaned_data["value"],
                n=form.cleaned_data["n"],
            )
        except ValidationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Result saved. The change is in the audit log."))
            return redirect(
                reverse("selfassessment:results_school", args=[result.school_id]) + "?mode=edit"
            )
    return render(request, "selfassessment/result_edit.html", {"result": result, "form": form})


@login_required
@require_GET
def results_import_moved(request):
    """The first import's address, kept for bookmarks: every results file, the short
    school, measure, year, value, n shape too, goes through the import pipeline now."""
    staff_authority_or_403(request)
    return redirect("selfassessment:import_list", permanent=True)


@login_required
@require_GET
def follow_up(request):
    authority = staff_authority_or_403(request)
    form = FollowUpForm(request.GET or None)
    n, m = 2, 3
    if form.is_bound and form.is_valid():
        n, m = form.cleaned_data["n"], form.cleaned_data["m"]
    elif not form.is_bound:
        form = FollowUpForm(initial={"n": n, "m": m})
    page_number = request.GET.get("page") or "1"

    def table_context() -> dict:
        years, flagged = selectors.follow_up_list(authority=authority, n=n, m=m)
        # 200 schools flagged made a 116 KiB page that took most of its time to render.
        page = Paginator(flagged, FOLLOW_UP_PER_PAGE).get_page(page_number)
        return {"years": years, "flagged": page.object_list, "page": page, "query": query}

    query = urlencode({"n": n, "m": m})
    # Every staff member of the authority sees the same list; computing it (hundreds of
    # results) and rendering it was nearly all of the page's time.
    table = caching.shared_html(
        request,
        "follow-up",
        "selfassessment/_follow_up_table.html",
        authority.pk,
        n,
        m,
        page_number,
        depends_on=selectors.FOLLOW_UP_DEPENDS_ON,
        context=table_context,
    )
    return render(
        request,
        "selfassessment/follow_up.html",
        {
            "authority": authority,
            "form": form,
            "table": table,
            "n": n,
            "m": m,
            # By the day in the key, an agreement turns overdue at midnight without a write.
            "overdue": caching.shared_html(
                request,
                "follow-up",
                "selfassessment/_overdue_agreements.html",
                authority.pk,
                depends_on=selectors.OVERDUE_DEPENDS_ON,
                context=lambda: {
                    "overdue": list(selectors.agreements_overdue(authority=authority))
                },
            ),
        },
    )
