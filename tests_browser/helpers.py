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


def watch(page, base_url: str, problems: list[str]) -> None:
    """Collect what a healthy page never does: failed own requests, calls out, script errors."""

    def on_response(response):
        if response.url.startswith(base_url) and response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    def on_request(request):
        if not request.url.startswith((base_url, "data:", "about:")):
            problems.append(f"external request {request.url}")

    page.on("response", on_response)
    page.on("request", on_request)
    page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))


def new_page(browser, base_url: str, problems: list[str], **context_options):
    """A page in a fresh context (own cookies); close it with ``page.context.close()``."""
    context_options.setdefault("viewport", DESKTOP)
    context = browser.new_context(base_url=base_url, locale="nl-BE", **context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch(page, base_url, problems)
    return page


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
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
        page.click(".site-header form[action$='/uitloggen/'] button")
