"""Accessibility checks with axe-core for every page a browser test visits.

The bar (DESIGN.md): each page passes axe-core's WCAG 2.1 A/AA rules with no serious or
critical violation. Use it after the page has settled::

    from tests.axe import assert_accessible

    page.goto(f"{live_server.url}/")
    assert_accessible(page)

axe-core comes from npm (node_modules/axe-core), not from a CDN. The portal's CSP allows
no inline script, so the library is not added as a <script> tag: `page.evaluate` runs it
through the DevTools protocol, which the page's CSP does not govern.
"""

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_PATH = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

#: The rule sets of the bar: WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

#: Impacts that fail a test. Minor and moderate findings are left to review.
FAILING_IMPACTS = ("serious", "critical")

_RUN = """
async ({tags, exclude, disabledRules}) => {
  const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
  const rules = Object.fromEntries(disabledRules.map((id) => [id, {enabled: false}]));
  const results = await window.axe.run(context, {
    runOnly: {type: "tag", values: tags},
    rules,
    resultTypes: ["violations"],
  });
  return {
    engine: results.testEngine.name + " " + results.testEngine.version,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
    })),
  };
}
"""


@cache
def axe_source() -> str:
    """The axe-core library, read once per test session."""
    if not AXE_PATH.exists():
        raise FileNotFoundError(f"{AXE_PATH} is missing: run `npm ci` first.")
    return AXE_PATH.read_text(encoding="utf-8")


def inject_axe(page: Page) -> None:
    """Load axe-core into the current document (a navigation drops it again)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    if not page.evaluate("() => typeof window.axe === 'object'"):
        raise RuntimeError(f"axe-core did not load into {page.url}")


def run_axe(
    page: Page,
    *,
    tags: Sequence[str] = WCAG_TAGS,
    exclude: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
) -> dict:
    """Run axe-core on the page and return its summary: engine, passes, violations.

    `exclude` takes CSS selectors of regions to leave out (e.g. a third-party widget);
    `disabled_rules` takes axe rule ids. Use both sparingly and say why at the call site.
    """
    inject_axe(page)
    results = page.evaluate(
        _RUN,
        {"tags": list(tags), "exclude": list(exclude), "disabledRules": list(disabled_rules)},
    )
    # axe finds something to pass on any real page; zero means it checked nothing.
    if results["passes"] == 0:
        raise RuntimeError(f"axe-core checked nothing on {page.url}")
    return results


def format_violations(violations: Sequence[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"        {detail}")
    return "\n".join(lines)


def assert_accessible(
    page: Page,
    *,
    exclude: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
    impacts: Iterable[str] = FAILING_IMPACTS,
) -> dict:
    """Fail if axe-core finds a WCAG 2.1 A/AA violation of serious or critical impact.

    The failure lists each violation's rule id, impact, help text and the CSS targets of
    the offending nodes. Returns axe's summary, so a test may also look at lesser findings.
    """
    results = run_axe(page, exclude=exclude, disabled_rules=disabled_rules)
    failing = [v for v in results["violations"] if v["impact"] in set(impacts)]
    if failing:
        raise AssertionError(
            f"{len(failing)} accessibility violation(s) on {page.url}:\n"
            + format_violations(failing)
        )
    return results
