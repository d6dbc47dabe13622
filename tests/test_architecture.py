"""The dependency rules of DESIGN.md "Layout", checked on the imports themselves."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["qnet", "events", "coalitions", "selfassessment", "reports"]
# Which apps each app may import at all.
ALLOWED = {
    "qnet": set(),
    "events": {"qnet"},
    "coalitions": {"qnet", "events"},
    "selfassessment": {"qnet", "events"},
    "reports": {"qnet", "events", "coalitions", "selfassessment"},
}


def _imports(app):
    """(file, imported module) for every import in the app's runtime code."""
    for path in (ROOT / app).rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or "management" in parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name


@pytest.mark.parametrize("app", APPS)
def test_dependencies_point_one_way(app):
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in _imports(app)
        if module.split(".")[0] in set(APPS) - {app} - ALLOWED[app]
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_another_apps_views_or_forms(app):
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in _imports(app)
        if module.split(".")[0] in set(APPS) - {app}
        and len(module.split(".")) > 1
        and module.split(".")[1] in ("views", "forms")
    ]
    assert not wrong, "\n".join(wrong)


def test_reports_reads_other_apps_only_through_their_selectors():
    wrong = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path, module in _imports("reports")
        if module.split(".")[0] in {"events", "coalitions", "selfassessment"}
        and module.split(".")[1:2] != ["selectors"]
    ]
    assert not wrong, "\n".join(wrong)
