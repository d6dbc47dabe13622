"""Who may do what with annual reports (DESIGN.md, "Who may do what")."""

import rules

from qnet.rules import is_authority_staff_anywhere, roles_of


@rules.predicate
def manages_report(user, report) -> bool:
    """Authority staff of the report's authority: draft, review, publish, withdraw."""
    return report is not None and report.authority_id in roles_of(user).authority_ids


rules.add_perm("reports.manage_report", manages_report)
rules.add_perm("reports.start_report", is_authority_staff_anywhere)
