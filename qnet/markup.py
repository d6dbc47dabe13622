"""Markdown written by people, turned into HTML that is safe to show anywhere in qnet.

One sanitiser for every app: nh3 drops every tag and attribute not listed, so raw HTML in
the source (a <script>, an onclick) never reaches a page, a mail or a PDF.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str | None, *, top_heading: int = 2) -> SafeString:
    """`top_heading`: the highest heading level an author may use where this text appears.

    Higher ones ("#" in Markdown) are shifted down to it instead of breaking the page's
    outline (a report chapter is h2, so its narrative starts at h3).
    """
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    for level in range(1, top_heading):
        html = html.replace(f"<h{level}>", f"<h{top_heading}>")
        html = html.replace(f"</h{level}>", f"</h{top_heading}>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # Safe to mark: sanitised by nh3 just above (bandit B308/B703 reviewed).
    return mark_safe(cleaned)  # noqa: S308  # nosec B308, B703
