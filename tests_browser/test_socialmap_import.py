"""The social map's import in a browser (in Dutch, the browser's language): an editor uploads
a package and gets the job's page with the report; a running job's page shows its progress
and, with JavaScript, follows it by itself (htmx polling) until the report replaces it.
axe-core finds nothing; 360 px fits."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from core.tests.factories import UserFactory

from .helpers import PHONE, describe_violations, log_in, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PACKAGE = [
    {
        "name": "Onthaal CAW Mechelen",
        "description": "Vragen over wonen en geld.",
        "organization": {"id": "caw", "name": "CAW Boom Mechelen Lier"},
        "location": {"postal_code": "2800", "city": "Mechelen"},
    }
]


def test_an_editor_imports_a_package_and_follows_a_running_job(page, browser, site, tmp_path):
    from socialmap.models import ImportJob, ImportStatus

    editor = UserFactory(full_name="Eddy Editor", is_editor=True)
    report = []

    def check(where):
        page.wait_for_load_state("load")
        report.append(describe_violations(where, run_axe(page)))

    log_in(page, editor.email)
    package = tmp_path / "export.json"
    package.write_text(json.dumps(PACKAGE), encoding="utf-8")
    page.goto("/sociale-kaart/importeren/")
    check("import page")
    page.set_input_files("input[name=package]", str(package))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # The test settings run the task at once: the job's page already has the report.
    assert "1 dienst geïmporteerd." in page.content() and "Onthaal CAW Mechelen" in page.content()
    check("job done")

    job = ImportJob.objects.create(
        user=editor, file_name="groot.json", rows_total=10_000, rows_done=3_200, status=ImportStatus.VALIDATING
    )
    page.goto(job.get_absolute_url())
    progress = page.locator("progress#progress")
    assert progress.get_attribute("value") == "3200" and "3200 van 10000 rijen nagekeken" in page.content()
    check("job checking")
    ImportJob.objects.filter(pk=job.pk).update(rows_done=9_000)
    expect(progress).to_have_attribute("value", "9000", timeout=10_000)  # htmx swapped the progress in
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED,
        rows_done=10_000,
        report=[[7, "Dienst zeven", "We do not know the municipality “Atlantis”."]],
    )
    page.wait_for_selector("text=Rijen met een fout", timeout=10_000)  # the page reloaded with the report
    assert "Atlantis" in page.content() and "1 rij heeft een fout: er is niets opgeslagen." in page.content()
    check("job failed")

    phone = new_page(browser, site, [], viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        log_in(phone, editor.email)
        phone.goto(job.get_absolute_url())
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"the import job's page is {width} px wide at 360 px"
    finally:
        phone.context.close()
    assert not any(report), "\n".join(r for r in report if r)
