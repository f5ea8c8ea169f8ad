"""The family's sub-navigation, the map's list and SVG and the plan's table are written in
Python (issue 11, for speed): they stay translated, escaped and accessible."""

from __future__ import annotations

import pytest

from families import services
from families.tests.factories import make_family

pytestmark = pytest.mark.django_db


def _page(people, who: str, url: str, language: str) -> str:
    client = people.client(who)
    client.cookies["django_language"] = language
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Netwerkkaart van", "Nog niets: een vraag om te stellen.", "Overzicht", "Loopt goed:"]),
        ("fr", ["Carte du réseau de", "Rien encore : une question à poser.", "Vue d’ensemble"]),
    ],
)
def test_the_map_is_translated(people, language, words):
    family = make_family(people.group_a, people.coordinator)
    html = _page(people, "coordinator", f"/gezinnen/{family.pk}/netwerkkaart/", language)
    for word in words:
        assert word in html, word
    assert "Nothing yet" not in html and "Network map of" not in html


def test_the_plan_is_translated(people):
    family = make_family(people.group_a, people.coordinator)
    html = _page(people, "coordinator", f"/gezinnen/{family.pk}/handelingsplan/", "nl")
    for word in ("Wanneer?", "Wat wil ik?", "Afvinken"):
        assert word in html, word
    assert "By when?" not in html and "Tick off" not in html


def test_what_the_family_typed_is_escaped_everywhere(people):
    family = make_family(people.group_a, people.coordinator, pseudonym="<script>x</script>")
    services.save_domain(family, "work", acting_user=people.coordinator, goes_well="<b>vet</b>\nregel")
    services.add_actor(
        family,
        "work",
        acting_user=people.coordinator,
        kind="formal",
        name="<i>OCMW</i>",
        support="advice",
        quality="good",
    )
    services.add_goal(family, acting_user=people.coordinator, domain="work", what="<u>werk</u>", steps=["<s>bel</s>"])
    for path in ("netwerkkaart/", "handelingsplan/"):
        html = _page(people, "coordinator", f"/gezinnen/{family.pk}/{path}", "nl")
        for raw in ("<script>x", "<b>vet", "<i>OCMW", "<u>werk", "<s>bel"):
            assert raw not in html, (path, raw)
    html = _page(people, "coordinator", f"/gezinnen/{family.pk}/netwerkkaart/", "nl")
    assert "&lt;b&gt;vet&lt;/b&gt;<br>regel" in html


def test_the_sub_navigation_marks_the_current_part(people):
    family = make_family(people.group_a, people.coordinator, volunteer=people.volunteer, parts=("map",))
    html = _page(people, "volunteer", f"/gezinnen/{family.pk}/netwerkkaart/", "en")
    nav = html.split('class="app-subnav__list">', 1)[1].split("</ul>", 1)[0]
    assert f'href="/gezinnen/{family.pk}/netwerkkaart/" aria-current="page">Network map<' in nav
    assert "handelingsplan" not in nav and "toestemming" not in nav  # no consent for the plan; not a coordinator


def test_the_toolkits_checklist_on_the_plan_links_and_escapes(people):
    from toolkit.models import Checklist, ChecklistItem, Deadline

    family = make_family(people.group_a, people.coordinator)
    checklist = Checklist.objects.create(title="Huiswerk na erkenning", slug="huiswerk")
    item = ChecklistItem.objects.create(checklist=checklist, text="Leefloon <aanvragen> & meer", deadline=Deadline.WEEK)
    html = _page(people, "coordinator", f"/gezinnen/{family.pk}/handelingsplan/", "nl")
    assert (
        f'<a class="govuk-link" href="/gezinnen/{family.pk}/handelingsplan/nieuw/?item={item.pk}">'
        "Leefloon &lt;aanvragen&gt; &amp; meer</a> · " in html
    )
