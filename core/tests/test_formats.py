"""Language and format: Belgian dates in every language, one name for the network, place names
in the interface language, one word for volunteers in French, language names as each language
writes them."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import formats, translation

from core.tests.test_translations import catalog
from volunteers.languages import language_label
from volunteers.tests.factories import make_vacancy

DAY = date(2026, 11, 28)
MOMENT = datetime(2026, 11, 28, 14, 30, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.mark.parametrize(
    ("lang", "long", "short", "moment"),
    [
        ("nl", "28 november 2026", "28/11/2026", "28 november 2026, 14:30"),
        ("fr", "28 novembre 2026", "28/11/2026", "28 novembre 2026, 14:30"),
        ("en", "28 November 2026", "28/11/2026", "28 November 2026, 14:30"),
    ],
)
def test_dates_are_belgian_in_every_language(lang, long, short, moment):
    with translation.override(lang):
        rendered = Template(
            '{{ d|date:"DATE_FORMAT" }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ m|date:"DATETIME_FORMAT" }}|{{ d }}'
        ).render(Context({"d": DAY, "m": MOMENT}))
    assert rendered.split("|") == [long, short, moment, long]


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_typed_date_is_read_day_first_never_the_us_way(lang):
    from django import forms

    field = forms.DateField()
    with translation.override(lang):
        assert field.clean("11/12/2026") == date(2026, 12, 11)
        assert field.clean("2026-12-11") == date(2026, 12, 11)  # what type=date sends
        assert all(not f.startswith("%m") for f in formats.get_format("DATE_INPUT_FORMATS"))


def test_an_english_page_shows_a_belgian_date(people):
    from volunteers.tests.factories_group import make_engagement

    lead = make_engagement(people.group_a)
    lead.created_at = MOMENT
    lead.save()
    html = people.client("coordinator").get(f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/").content
    assert "28 November 2026" in html.decode() and "Nov. 28" not in html.decode()


# The network is "Gastvrij Netwerk" in every language, never a translation of its name.
OTHER_NAMES = re.compile(r"Gastvrij Network|[Rr]éseau Gastvrij|Netwerk Gastvrij|Gastvrij-netwerk|Gastvrij network")


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_the_network_has_one_name_in_every_language(db, lang):
    html = Client(HTTP_ACCEPT_LANGUAGE=lang).get("/").content.decode()
    start = html.index('class="app-header__home"')
    header = html[html.index(">", start) + 1 : html.index("</a>", start)]
    assert re.sub(r"<svg.*</svg>|<[^>]+>", " ", header, flags=re.S).split() == ["Gastvrij", "Netwerk"]
    _header, entries = catalog(lang)
    for e in entries:
        for text in e.msgstr:
            assert not OTHER_NAMES.search(text), (e.msgid, text)


def test_french_says_benevole_never_volontaire():
    _header, entries = catalog("fr")
    wrong = [e.msgid for e in entries for text in e.msgstr if "volontai" in text.lower()]
    assert wrong == []
    for folder in ("templates", "volunteers", "organisations", "core", "toolkit"):
        for path in Path(settings.BASE_DIR, folder).rglob("*.html"):
            assert "volontai" not in path.read_text(encoding="utf-8").lower(), path


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Dutch", "French", "Arabic", "Tigrinya"]),
        ("nl", ["Nederlands", "Frans", "Arabisch", "Tigrinya"]),
        ("fr", ["néerlandais", "français", "arabe", "tigrigna"]),
    ],
)
def test_language_names_are_written_as_each_language_wants(lang, expected):
    with translation.override(lang):
        assert [language_label(c) for c in ("nl", "fr", "ar", "ti")] == expected


def test_a_french_vacancy_tag_writes_francais_like_the_other_languages(people):
    vacancy = make_vacancy(people.group_a, title="Taalcafé", postcode="2800", languages=["fr", "ar"])
    html = Client(HTTP_ACCEPT_LANGUAGE="fr").get(vacancy.get_absolute_url()).content.decode()
    assert "français · arabe" in html or ("français" in html and "arabe" in html)
    assert "Français ·" not in html and "· Français" not in html


def test_english_results_keep_the_capital_of_a_language(client, people):
    from places.services import locate_postcode
    from volunteers import matching

    make_vacancy(people.group_a, title="Taalcafé", postcode="2800", languages=["ar"])
    result = matching.match(locate_postcode("2800"), activities=["dutch-conversation"], languages=["ar"])
    reasons = [r for m in result.groups for r in m.reasons]
    assert "looks for people who speak Arabic" in reasons
    assert not any("dutch" in r for r in reasons)  # "Dutch conversation practice" keeps its capital


@pytest.mark.parametrize(("lang", "name"), [("nl", "Brussel"), ("fr", "Bruxelles")])
def test_place_names_follow_the_interface_language(db, lang, name):
    from core.tests.factories import OrganisationFactory

    group = OrganisationFactory(name="Brusselse groep", postcode="1000")
    html = Client(HTTP_ACCEPT_LANGUAGE=lang).get(group.get_absolute_url()).content.decode()
    assert name in html
