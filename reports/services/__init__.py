"""The only write path of the reports app."""

from reports.services.renditions import (
    rendition_render,
    rendition_request,
    renditions_requeue_stuck,
)
from reports.services.reports import (
    proposed_sections,
    report_new_version,
    report_publish,
    report_start,
    report_submit_for_review,
    report_update,
    report_withdraw,
    review_comment_add,
    section_add,
    section_move,
    section_remove,
    section_update,
)

__all__ = [
    "proposed_sections",
    "rendition_render",
    "rendition_request",
    "renditions_requeue_stuck",
    "report_new_version",
    "report_publish",
    "report_start",
    "report_submit_for_review",
    "report_update",
    "report_withdraw",
    "review_comment_add",
    "section_add",
    "section_move",
    "section_remove",
    "section_update",
]
