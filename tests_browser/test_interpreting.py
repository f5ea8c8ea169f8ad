"""From a network meeting, the coordinator asks an interpreter of another group who agreed to be
found; the interpreter opens the link on a phone (360 px, no sideways scroll), accepts, and the
meeting notes an informal interpreter of the network; axe-core finds nothing on the way."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from families.meeting_models import Interpreting
from families.tests.factories import make_family, make_meeting
from interpreting.models import InterpreterRequest, RequestStatus
from interpreting.tests.factories import ask_with_token, make_interpreter
from organisations.models import OrganisationMember, Role

from .helpers import PHONE, describe_violations, log_in, new_page, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_an_interpreter_for_a_meeting_and_answer_on_a_phone(page, browser, site, page_problems, tmp_path):
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    gent = OrganisationFactory(name="Werkgroep Vluchtelingen Gent", postcode="9000")
    cora = UserFactory(full_name="Cora Coördinator")
    OrganisationMember.objects.create(organisation=group, user=cora, role=Role.COORDINATOR)
    family = make_family(group, cora)
    meeting = make_meeting(family, cora)
    nabil = make_interpreter(gent, name="Netwerk Nabil", email="nabil@example.org")
    violations = []

    def axe(where, on=page):
        on.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(on)))

    log_in(page, cora.email)
    page.goto(meeting.get_absolute_url())
    with page.expect_navigation():
        page.click(f"main a[href$='/tolken/nieuw/?meeting={meeting.pk}']")
    axe("new request")
    assert page.input_value("#id_place") == "Het buurthuis"
    page.select_option("#id_language", "ar")
    page.fill("#id_topic", "Netwerkoverleg over wonen")
    page.check("#id_sensitivity_0")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    request = InterpreterRequest.objects.get()
    assert page.url.endswith(f"/tolken/{request.pk}/")
    assert "Netwerk Nabil" in page.inner_text("main")
    axe("request with candidates")
    with page.expect_navigation():
        page.click("main form:has(input[name=action][value=ask]) button")
    axe("request asked")
    request.refresh_from_db()
    assert request.status == RequestStatus.ASKED

    # The interpreter, on a phone, through the link (a known token for the test).
    _ask, token = ask_with_token(request, nabil, cora)
    phone = new_page(browser, site, page_problems, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone.goto(f"/tolk/{token}/")
        text = phone.inner_text("main")
        assert "Netwerkoverleg over wonen" in text and "Familie Amal" not in text
        axe("interpreter's page", phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        phone.screenshot(path=str(tmp_path / "interpreter-360.png"), full_page=True)
        with phone.expect_navigation():
            phone.click("main form:has(input[name=action][value=accept]) button")
        assert "Je aanvaardde deze vraag" in phone.inner_text("main")
        axe("interpreter's page, accepted", phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        phone.context.close()

    page.goto(request.get_absolute_url())
    with page.expect_navigation():
        page.click("main form:has(input[name=action][value=meeting]) button")
    meeting.refresh_from_db()
    assert meeting.interpreting == Interpreting.VOLUNTEER
    axe("request accepted")
    problems = "\n".join(v for v in violations if v)
    assert not problems, problems
