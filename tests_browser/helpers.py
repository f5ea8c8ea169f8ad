"""Helpers shared by the browser tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import importlib
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"  # core.tests.factories.UserFactory
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def load_reference_data() -> None:
    """What migrations load and a flush removes: Belgian places and the activity list."""
    from organisations.models import Activity
    from places.loader import load_places

    load_places()
    codes = importlib.import_module("organisations.migrations.0002_activities").CODES
    for position, code in enumerate(codes):
        Activity.objects.update_or_create(code=code, defaults={"position": position})


# Reports every Content-Security-Policy violation to the console, where ``watch`` sees it. It runs
# before the page's own scripts (an init script is not subject to the page's CSP).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
    console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
        + ` at ${e.sourceFile || document.location.href}:${e.lineNumber}`);
});
"""


def watch(page, base_url: str, problems: list[str]) -> None:
    """Collect what a healthy page never does: failed own requests, calls out, script errors,
    and any violation of the Content-Security-Policy (from the console and from the
    ``securitypolicyviolation`` events)."""

    def on_response(response):
        if response.url.startswith(base_url) and response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    def on_request(request):
        if not request.url.startswith((base_url, "data:", "about:")):
            problems.append(f"external request {request.url}")

    page.on("response", on_response)
    page.on("request", on_request)

    def on_console(message):
        if "Content Security Policy" in message.text:
            problems.append(f"CSP: {message.text}")

    page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
    page.on("console", on_console)
    page.add_init_script(REPORT_CSP_VIOLATIONS)


def new_page(browser, base_url: str, problems: list[str], **context_options):
    """A page in a fresh context (own cookies); close it with ``page.context.close()``."""
    context_options.setdefault("viewport", DESKTOP)
    context = browser.new_context(base_url=base_url, locale="nl-BE", **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch(page, base_url, problems)
    return page


def run_axe(page) -> list[dict]:
    # Evaluated through the DevTools protocol, not added as a <script>: the page's CSP would
    # (rightly) refuse an inline script.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def describe_violations(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{where}] {v['id']} ({v['impact']}): {v['help']}\n    {v['url']}")
        for node in v["nodes"]:
            lines.append(f"    - {node['target']}\n      {node['html'][:200]}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/account/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/account/inloggen/" not in page.url, page.inner_text("main")


def log_out(page) -> None:
    with page.expect_navigation():
        page.click(".app-header form[action$='/uitloggen/'] button")
