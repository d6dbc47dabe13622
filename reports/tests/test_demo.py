from django.utils import timezone

from qnet import demo
from reports.models import AnnualReport, Rendition, ReviewComment


def test_the_demo_has_last_years_report_published_with_its_pdf_and_this_years_in_review(
    db, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed_all()
        demo.seed_all()
    year = timezone.localdate().year
    last = AnnualReport.objects.get(year=year - 1)
    current = AnnualReport.objects.get(year=year)
    assert last.status == "published" and last.sections.filter(kind="focus_area_results").exists()
    assert Rendition.objects.get(report=last).status == "done"
    assert current.status == "in_review"
    assert AnnualReport.objects.count() == 2
    assert ReviewComment.objects.count() == 1
