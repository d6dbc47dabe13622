"""Reads for the results import pages: only authority staff, only their own authority."""

from django.db.models import QuerySet
from django.http import Http404

from qnet.rules import roles_of
from selfassessment.models import MeasureMapping, ResultImport, SchoolLink


def result_imports_of(authority) -> QuerySet[ResultImport]:
    return ResultImport.objects.filter(authority=authority).select_related(
        "profile", "uploaded_by", "committed_by"
    )


def result_import_get_for_user(*, user, pk: int) -> ResultImport:
    """An import of an authority the user works for as staff; anything else is 404 (its
    existence is not the user's business), so this is also the permission check."""
    try:
        return ResultImport.objects.select_related(
            "authority", "profile", "uploaded_by", "committed_by"
        ).get(pk=pk, authority_id__in=roles_of(user).authority_ids)
    except ResultImport.DoesNotExist:
        raise Http404 from None


def profile_mappings(profile) -> list[MeasureMapping]:
    return list(MeasureMapping.objects.filter(profile=profile).select_related("measure"))


def school_links_of(authority) -> list[SchoolLink]:
    return list(
        SchoolLink.objects.filter(authority=authority)
        .select_related("school")
        .order_by("official_id")
    )
