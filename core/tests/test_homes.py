"""The home of each role after log-in, the "Mijn groep" page, and the navigation per role."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.homes import Todo, group_todos, todos_for_groups
from core.navigation import group_tools, register_group_tool
from core.tests.factories import UserFactory
from organisations.models import Invitation, MembershipApplication, OrganisationMember, Role
from toolkit.tests.factories import make_page, make_suggestion
from volunteers.models import FollowUp, Status
from volunteers.tests.factories import make_vacancy
from volunteers.tests.factories_group import make_engagement


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _todo(response, label: str) -> str:
    """The status cell (the count) of the to-do with this label."""
    html = response.content.decode()
    at = html.index(label)
    status = html.index("govuk-task-list__status", at)
    return re.sub(r"<[^>]+>", "", html[status : html.index("</div>", status)].split(">", 1)[1]).strip()


_tokens = itertools.count(1)


def _coordinator_data(org, n: int) -> None:
    """``n`` of everything a coordinator's home counts."""
    for i in range(n):
        make_engagement(org, days_ago=1)  # new
        make_engagement(org, days_ago=10)  # new and waiting 7+ days
        due = make_engagement(org, status=Status.INTAKE, days_ago=30)
        FollowUp.objects.create(engagement=due, planned_for=timezone.localdate() - timedelta(days=1))
        due.next_follow_up = timezone.localdate() - timedelta(days=1)
        due.save(update_fields=["next_follow_up"])
        make_vacancy(org, title=f"Vacature {i}", postcode="2800", ends_on=timezone.localdate() + timedelta(days=5))
        Invitation.objects.create(
            organisation=org,
            email=f"nieuw{next(_tokens)}@example.org",
            full_name="Nieuw",
            role=Role.VOLUNTEER,
            expires_at=timezone.now() + timedelta(days=7),
            token_hash=f"{next(_tokens)}".ljust(64, "x"),
        )


def test_a_visitor_keeps_the_public_home(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Would you like to help?" in _text(response)


def test_a_coordinator_lands_on_the_groups_to_dos_with_counts_and_links(people):
    _coordinator_data(people.group_a, 2)
    response = people.client("coordinator").get("/")
    assert response.status_code == 200
    text = _text(response)
    assert "Welcome in Mechelen (WiM)" in text and "Would you like to help?" not in text
    assert _todo(response, "New leads to answer") == "4"
    assert _todo(response, "Waiting for an answer for 7 days or more") == "2"
    assert _todo(response, "Follow-up conversations due") == "2"
    assert _todo(response, "Invitations not accepted yet") == "2"
    assert _todo(response, "Vacancies ending within 14 days") == "2"
    slug = people.group_a.slug
    html = response.content.decode()
    # One click to the leads inbox: the panel's main action.
    assert f'href="/groepen/{slug}/vrijwilligers/" role="button"' in html
    assert f'href="/groepen/{slug}/vrijwilligers/?te_doen=wachtend"' in html
    assert f'href="/groepen/{slug}/mensen/#invitations"' in html
    # /start/ is the same page.
    assert _todo(people.client("coordinator").get("/start/"), "New leads to answer") == "4"


def test_a_to_do_with_nothing_to_do_says_so_and_has_no_link(people):
    response = people.client("coordinator").get("/")
    assert _todo(response, "New leads to answer") == "nothing to do"
    assert "?status=lead" not in response.content.decode()


def test_the_inbox_shows_what_the_home_counted(people):
    _coordinator_data(people.group_a, 1)
    client = people.client("coordinator")
    slug = people.group_a.slug
    waiting = client.get(f"/groepen/{slug}/vrijwilligers/?te_doen=wachtend")
    assert waiting.context["page"].paginator.count == 1
    due = client.get(f"/groepen/{slug}/vrijwilligers/?te_doen=opvolging")
    assert due.context["page"].paginator.count == 1
    assert [e.status for e in due.context["page"]] == [Status.INTAKE]


def test_the_coordinators_home_does_not_see_another_groups_leads(people):
    _coordinator_data(people.group_b, 1)
    response = people.client("coordinator").get("/")
    assert _todo(response, "New leads to answer") == "nothing to do"
    assert "Werkgroep Vluchtelingen Gent" not in _text(response)


@pytest.mark.parametrize("who", ["coordinator", "volunteer", "secretariat"])
def test_the_home_query_count_does_not_grow_with_the_data(people, who):
    user = getattr(people, who)
    user.is_editor = True
    user.save()
    client = people.client(who)
    counts = []
    for n in (1, 6):
        _coordinator_data(people.group_a, n if not counts else n - 1)
        page = make_page(f"Pagina {n}", visibility="public")
        make_suggestion(page, people.volunteer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_person_with_several_roles_sees_a_panel_for_each(people):
    coordinator = people.coordinator
    coordinator.is_editor = True
    coordinator.is_secretariat = True
    coordinator.save()
    OrganisationMember.objects.create(organisation=people.group_b, user=coordinator, role=Role.VOLUNTEER)
    response = people.client("coordinator").get("/")
    titles = [p.title for p in response.context["panels"]]
    roles = [p.role for p in response.context["panels"]]
    assert roles == ["coordinator", "volunteer", "editor", "secretariat"]
    assert titles[0] == "Welcome in Mechelen (WiM)" and titles[1] == "Werkgroep Vluchtelingen Gent"


def test_a_volunteer_sees_their_groups_vacancies_and_the_check_in(people):
    make_vacancy(people.group_a, title="Huiswerkbegeleiding", postcode="2800")
    response = people.client("volunteer").get("/")
    text = _text(response)
    assert "Open vacancies of Welcome in Mechelen (WiM)" in text
    assert _todo(response, "Open vacancies of Welcome in Mechelen (WiM)") == "1"
    assert "How heavy does volunteering feel? Check in" in text and "You have not checked in yet." in text
    assert 'href="/account/vrijwilliger/#check-in"' in response.content.decode()
    assert "New leads to answer" not in text  # not a coordinator


def test_an_editor_sees_suggestions_waiting_and_stale_pages(people):
    editor = UserFactory(is_editor=True)
    page = make_page("Huurwaarborg", visibility="public")
    make_suggestion(page, people.volunteer)
    client = people.client(None)
    client.force_login(editor)
    response = client.get("/")
    assert _todo(response, "Suggestions waiting for an editor") == "1"
    assert "Pages not checked for a year" in _text(response)


def test_the_secretariat_sees_applications_and_leads_waiting_14_days(people):
    MembershipApplication.objects.create(
        group_name="Welkom in Lier",
        legal_form="fv",
        municipality=people.group_a.municipality,
        description="x",
        contact_name="Lotte",
        contact_email="lotte@example.org",
        motivation="x",
        submission_key="00000000-0000-0000-0000-000000000009",
        token_hash="y" * 64,
    )
    make_engagement(people.group_b, days_ago=20)
    make_engagement(people.group_b, days_ago=3)
    response = people.client("secretariat").get("/")
    assert _todo(response, "Applications waiting for a decision") == "1"
    assert _todo(response, "Leads nobody answered for 14 days") == "1"
    assert 'href="/secretariaat/vrijwilligers/wachtend/"' in response.content.decode()


def test_someone_without_a_role_is_shown_where_to_start(db, client):
    user = UserFactory()
    client.force_login(user)
    text = _text(client.get("/"))
    assert "You are not part of a group of the network yet." in text


def test_my_group_lists_every_tool_and_several_groups_to_choose_from(people):
    client = people.client("coordinator")
    response = client.get("/mijn-groep/")
    slug = people.group_a.slug
    html = response.content.decode()
    for path in ("vrijwilligers/", "mensen/", "vacatures/", "tolken/", "vrijwilligers/cijfers/", "bewerken/"):
        assert f'href="/groepen/{slug}/{path}"' in html, path
    OrganisationMember.objects.create(organisation=people.group_b, user=people.coordinator, role=Role.COORDINATOR)
    response = client.get("/mijn-groep/")
    assert [p.title for p in response.context["panels"]] == [people.group_a.name, people.group_b.name]
    # Someone who coordinates nothing goes home.
    assert people.client("volunteer").get("/mijn-groep/")["Location"] == "/"


def _nav(response) -> list[tuple[str, bool]]:
    html = response.content.decode()
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    return [
        (re.sub(r"<[^>]+>", "", m.group(2)).strip(), 'aria-current="page"' in m.group(1))
        for m in re.finditer(r'<a class="govuk-service-navigation__link"([^>]*)>(.*?)</a>', nav)
    ]


def test_the_navigation_per_role(people):
    visitor = [t for t, _c in _nav(people.client(None).get("/toolkit/"))]
    assert visitor == ["Find a group", "I want to help", "Vacancies", "Join the network", "Toolkit"]
    volunteer = [t for t, _c in _nav(people.client("volunteer").get("/toolkit/"))]
    assert volunteer == ["Start", "Find a group", "Vacancies", "Toolkit", "Find help"]
    coordinator = [t for t, _c in _nav(people.client("coordinator").get("/toolkit/"))]
    assert coordinator == ["Start", "My group", "Find a group", "Vacancies", "Toolkit", "Find help"]
    secretariat = [t for t, _c in _nav(people.client("secretariat").get("/toolkit/"))]
    assert secretariat == [
        "Start",
        "Find a group",
        "I want to help",
        "Vacancies",
        "Join the network",
        "Toolkit",
        "Find help",
        "Secretariat",
    ]


@pytest.mark.parametrize(
    "path,current",
    [
        ("/", "Start"),
        ("/mijn-groep/", "My group"),
        ("/groepen/{slug}/vrijwilligers/", "My group"),
        ("/groepen/{slug}/mensen/", "My group"),
        ("/groepen/{slug}/", "Find a group"),
        ("/vacatures/", "Vacancies"),
        ("/toolkit/", "Toolkit"),
    ],
)
def test_the_navigation_marks_the_current_page_once(people, path, current):
    response = people.client("coordinator").get(path.format(slug=people.group_a.slug))
    marked = [t for t, c in _nav(response) if c]
    assert marked == [current]


def test_a_group_tool_page_marks_its_tool_in_the_groups_sub_navigation(people):
    slug = people.group_a.slug
    response = people.client("coordinator").get(f"/groepen/{slug}/vrijwilligers/cijfers/")
    html = response.content.decode()
    assert f'href="/groepen/{slug}/vrijwilligers/cijfers/" aria-current="page"' in html
    assert f'href="/groepen/{slug}/vrijwilligers/" aria-current="page"' not in html


def test_an_app_adds_a_group_tool_and_home_to_dos_without_touching_a_template(people):
    """How the families app adds "Gezinnen": one tool, one to-do contributor."""
    from core import homes, navigation

    register_group_tool("families-test", "Gezinnen", "organisations:people", order=25)

    @group_todos
    def families(groups, today):
        return {g.pk: [Todo("Gezinnen zonder plan", "/gezinnen/", 3, order=35)] for g in groups}

    try:
        keys = [t.key for t in group_tools(people.group_a, people.coordinator)]
        assert keys.index("families-test") == keys.index("people") + 1
        assert [t.label for t in todos_for_groups([people.group_a])[people.group_a.pk]][3] == "Gezinnen zonder plan"
        response = people.client("coordinator").get("/")
        assert "Gezinnen zonder plan" in _text(response) and ">Gezinnen<" in response.content.decode()
    finally:
        navigation._group_tools.pop("families-test")
        homes._group_todos.remove(families)
