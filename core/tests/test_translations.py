"""The translation catalogs are complete, compiled and used.

Dutch (the default) and French must translate every entry: msgfmt leaves out
empty and fuzzy entries, and the page then silently shows English. The .mo
files are committed so a machine without gettext serves the same text; they
must match the .po files. After changing a translatable string, run:

    .venv/bin/python manage.py makemessages -l nl -l fr -l en \
        --ignore=.venv --ignore=bench --ignore=tests_browser --no-location
    (translate the new entries in locale/nl and locale/fr; English: msgstr = msgid)
    .venv/bin/python manage.py compilemessages --ignore=.venv
"""

from __future__ import annotations

import ast
import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["nl", "fr"]  # must translate every entry
ALL = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None  # pgettext's context ("language": a language's name in a sentence)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first. Entries are separated by blank lines; in each,
    a keyword (``msgid``, ``msgid_plural``, ``msgstr``, ``msgstr[N]``) starts a field and a
    line holding only a quoted string continues it. Obsolete ``#~`` entries are left out."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        flags: set[str] = set()
        keyword = ""
        for line in block.strip().splitlines():
            line = line.strip()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[keyword] += ast.literal_eval(line)
            else:
                keyword, _, quoted = line.partition(" ")
                fields[keyword] = ast.literal_eval(quoted)
        if "msgid" not in fields:
            continue
        forms = sorted((k for k in fields if k.startswith("msgstr")), key=lambda k: int(k[7:-1] or 0))
        entries.append(
            Entry(fields["msgid"], fields.get("msgid_plural"), [fields[k] for k in forms], flags, fields.get("msgctxt"))
        )
    return entries


def catalog(lang: str) -> tuple[Entry, list[Entry]]:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run makemessages"
    header, *entries = parse_po(path)
    assert header.msgid == "", f"{path} does not start with the header"
    return header, entries


def test_the_parser_reads_plural_and_multiline_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: nl\\n"\n\n'
        '#, fuzzy, python-format\nmsgid ""\n"Hello,\\n"\n"%(name)s"\nmsgstr "Hallo,\\n%(name)s"\n\n'
        'msgid "%(n)s group"\nmsgid_plural "%(n)s groups"\nmsgstr[0] "%(n)s groep"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Weg"\n',
        encoding="utf-8",
    )
    header, first, second = parse_po(po)
    assert header.msgstr == ["Language: nl\n"]
    assert (first.msgid, first.msgstr, first.fuzzy) == ("Hello,\n%(name)s", ["Hallo,\n%(name)s"], True)
    assert (second.msgid_plural, second.msgstr, second.fuzzy) == ("%(n)s groups", ["%(n)s groep", ""], False)


@pytest.mark.parametrize("lang", ALL)
def test_every_language_has_a_catalog_and_a_compiled_file(lang):
    header, entries = catalog(lang)
    assert f"Language: {lang}\n" in header.msgstr[0]
    assert entries, f"{lang}: the catalog is empty"
    assert (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").exists(), f"{lang}: run compilemessages"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    header, entries = catalog(lang)
    nplurals = int(re.search(r"nplurals=(\d+)", header.msgstr[0]).group(1))
    problems = {
        "without a translation": [e.msgid for e in entries if not e.msgstr or not all(s.strip() for s in e.msgstr)],
        "marked fuzzy (check, then remove the flag)": [e.msgid for e in entries if e.fuzzy],
        f"plural entries without {nplurals} forms": [
            e.msgid for e in entries if e.msgid_plural is not None and len(e.msgstr) != nplurals
        ],
    }
    report = [f"{what}: {msgid!r}" for what, msgids in problems.items() for msgid in msgids]
    where = f"locale/{lang}/LC_MESSAGES/django.po"
    assert not report, f"{lang}: {len(report)} entries to fix in {where}:\n" + "\n".join(report)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(lang):
    _header, entries = catalog(lang)
    broken = []
    for e in entries:
        if e.msgid_plural is None:
            if Counter(PLACEHOLDER.findall(e.msgstr[0])) != Counter(PLACEHOLDER.findall(e.msgid)):
                broken.append((e.msgid, e.msgstr[0]))
        else:
            allowed = set(PLACEHOLDER.findall(e.msgid_plural))
            forms = [set(PLACEHOLDER.findall(s)) for s in e.msgstr]
            if any(not f <= allowed for f in forms) or forms[-1] != allowed:
                broken.append((e.msgid, e.msgstr))
    assert not broken, f"{lang}: placeholders changed:\n" + "\n".join(map(repr, broken))


@pytest.mark.parametrize("lang", ALL)
def test_the_compiled_file_matches_the_catalog(lang):
    """A stale .mo (compilemessages not run after editing the .po) fails here."""
    _header, entries = catalog(lang)
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in entries:
        if e.fuzzy or not all(e.msgstr):
            continue  # msgfmt leaves these out; the test above reports them for nl and fr
        if e.msgctxt is not None:
            served = [compiled.pgettext(e.msgctxt, e.msgid)]
        elif e.msgid_plural is None:
            served = [compiled.gettext(e.msgid)]
        else:  # in nl, fr and en, n = 1 takes the first form and n = 2 the second
            served = [compiled.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)]
        if served != e.msgstr:
            stale.append(e.msgid)
    assert not stale, f"{lang}: django.mo is out of date for:\n" + "\n".join(map(repr, stale))


@pytest.mark.parametrize(
    ("lang", "heading", "one", "many"),
    [
        ("nl", "Zoek een lidgroep", "1 groep", "3 groepen"),
        ("fr", "Trouver un groupe membre", "1 groupe", "3 groupes"),
        ("en", "Find a member group", "1 group", "3 groups"),
    ],
)
def test_django_serves_the_translations(lang, heading, one, many):
    plural = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} group"
        "{% plural %}{{ counter }} groups{% endblocktranslate %}"
    )
    with translation.override(lang):
        assert translation.gettext("Find a member group") == heading
        assert translation.ngettext("%(counter)s group", "%(counter)s groups", 3) % {"counter": 3} == many
        assert [plural.render(Context({"n": n})) for n in (1, 3)] == [one, many]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "dutch", "french"),
    [
        ("/", "Lokale groepen die mensen op de vlucht gastvrij onthalen", "Des groupes locaux qui accueillent"),
        ("/groepen/", "Zoek een lidgroep", "Trouver un groupe membre"),
        ("/aansluiten/", "Aanvraag versturen", "Envoyer la demande"),
    ],
)
def test_public_pages_are_dutch_by_default_and_french_on_request(path, dutch, french):
    default = Client().get(path)
    assert default.status_code == 200
    assert '<html lang="nl"' in default.text and dutch in default.text

    french_client = Client()
    french_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = french_client.get(path)
    assert response.status_code == 200
    assert '<html lang="fr"' in response.text and french in response.text
