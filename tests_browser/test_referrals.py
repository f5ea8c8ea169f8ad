"""From a family's housing goal, a volunteer finds a service near the family that welcomes
people without papers, refers with the family's consent, the service accepts through its
link and gives the outcome, which shows on the goal; an empty domain of the network map
suggests a service, picked as an actor; axe-core finds nothing on the way."""

from __future__ import annotations

import pytest

from core.tests.factories import OrganisationFactory, UserFactory
from families.tests.factories import make_family
from organisations.models import OrganisationMember, Role
from referrals.models import Referral, ReferralStatus
from socialmap.tests.factories import make_service

from .helpers import describe_violations, log_in, log_out, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_warm_referral_from_goal_to_outcome(page):
    group = OrganisationFactory(name="Welcome in Mechelen (WiM)", postcode="2800")
    vera = UserFactory(full_name="Vera Vrijwilliger")
    cora = UserFactory(full_name="Cora Coördinator")
    OrganisationMember.objects.create(organisation=group, user=vera, role=Role.VOLUNTEER)
    OrganisationMember.objects.create(organisation=group, user=cora, role=Role.COORDINATOR)
    family = make_family(group, cora, volunteer=vera)
    goal = family.goals.get()
    welcoming = make_service("Woonwinkel Mechelen", organization="Woonwinkel vzw", no_papers_needed=True)
    make_service("Sociaal Verhuurkantoor Mechelen", organization="SVK Mechelen")
    caw = make_service("CAW Boom Mechelen Lier", organization="CAW Boom Mechelen Lier", domains=["health"])
    violations = []

    def axe(where):
        page.wait_for_load_state("load")
        violations.append(describe_violations(where, run_axe(page)))

    log_in(page, vera.email)
    page.goto(f"/gezinnen/{family.pk}/handelingsplan/{goal.pk}/")
    axe("goal")
    with page.expect_navigation():
        page.click(f"main a[href$='/handelingsplan/{goal.pk}/doorverwijzen/']")
    page.check("#welcome-no-papers")
    with page.expect_navigation():
        page.click("main form[method=get] button[type=submit]")
    text = page.inner_text("main")
    assert "Woonwinkel Mechelen" in text and "Sociaal Verhuurkantoor" not in text
    axe("find a service")
    with page.expect_navigation():
        page.click(f"main a[href='?service={welcoming.pk}']")
    axe("referral form")
    page.check("#id_introduction_0")
    page.check("#id_consent")
    page.fill("#id_consent_given_by", "Amal")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    referral = Referral.objects.get()
    assert page.url.endswith(f"/doorverwijzingen/{referral.pk}/")
    with page.expect_navigation():
        page.click("main form:has(input[name=action][value=send]) button")
    link = page.inner_text("main code").strip()
    axe("referral sent")
    log_out(page)

    # The service, without an account, through its link.
    page.goto(link[link.index("/doorverwijzing/") :])
    assert "Een huis met drie slaapkamers" in page.inner_text("main")
    assert "SVK bellen" not in page.inner_text("main")  # the steps were not shared
    axe("service's page")
    page.check("#id_decision_0")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    page.fill("#id_outcome", "Ingeschreven, eerste afspraak op maandag.")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    axe("service's page, done")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE

    log_in(page, vera.email)
    page.goto(f"/gezinnen/{family.pk}/handelingsplan/")
    assert "Ingeschreven, eerste afspraak op maandag." in page.inner_text("main")
    axe("action plan")

    # An empty domain of the network map suggests a service near the family; picked as an actor.
    page.goto(f"/gezinnen/{family.pk}/netwerkkaart/health/")
    axe("empty domain with suggestions")
    with page.expect_navigation():
        page.click(f"main a[href$='/sociale-kaart/?service={caw.pk}']")
    axe("pick an actor")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    assert page.url.endswith("/netwerkkaart/health/")
    assert "CAW Boom Mechelen Lier" in page.inner_text("main")
    problems = "\n".join(v for v in violations if v)
    assert not problems, problems
