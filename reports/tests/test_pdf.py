import io

from pypdf import PdfReader

from reports import services
from reports.models import Rendition


def _render(report, kind=Rendition.Kind.PDF):
    rendition = Rendition.objects.get(report=report, kind=kind)
    services.rendition_render(rendition_id=rendition.pk)
    rendition.refresh_from_db()
    return rendition


def _text(rendition) -> str:
    with rendition.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_title_chapters_and_figures(published, results_world):
    rendition = _render(published)
    assert rendition.status == Rendition.Status.DONE
    assert rendition.progress == 100
    assert len(rendition.checksum) == 64
    reader, text = _text(rendition)
    assert reader.metadata.title == "Quality report 2025"
    assert "Focus area 1" in text
    assert "Working together in the network" in text
    # A figure from the snapshot: School A's first measure in the report year.
    cell = published.snapshot["sections"][0]["blocks"]
    school_table = next(b for b in cell if b.get("kind") == "schools")
    value = school_table["rows"][0]["cells"][-2]["t"]
    assert value in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/Lang"] == "en"
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert fonts and all("DejaVu" in str(name) for name in fonts)
