"""The family's view has its own catalogue, in nine languages, kept apart from the site's
nl/fr/en catalogue (``locale/``): gettext domain ``familyview`` in
``families/family_view_locale/<lang>/LC_MESSAGES/familyview.po``, read as it is (no
compiled ``.mo`` to go stale; the site's ``makemessages``/``compilemessages`` do not touch
it). ``families/tests/test_family_view.py`` fails on an empty or fuzzy entry or a string of
the view missing from one language. Templates use ``{% fv "..." %}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date as Date
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import trans_real

from .link_models import FAMILY_LANGUAGES, RTL_LANGUAGES

LOCALE_DIR = Path(__file__).resolve().parent / "family_view_locale"
DOMAIN = "familyview"
CODES = [code for code, _name in FAMILY_LANGUAGES]

# Life domains in the family's view: the plain words of the catalogue, by code.
DOMAIN_WORDS = {
    "volunteer-support": "Help from the volunteers",
    "work": "Work and training",
    "parenting": "Raising children",
    "housing": "Housing",
    "education": "School and childcare",
    "integration": "Civic integration",
    "health": "Health",
    "informal-network": "Family, friends, neighbours",
    "leisure": "Free time",
    "finances": "Money and paperwork",
}
PART_WORDS = {
    "map": "Network map",
    "plan": "Plan",
    "contacts": "Contact notes",
    "meeting": "Meetings",
    "members": "Your family members",
    "consent": "What you agreed to share",
}
# Who read the file, in plain words (``{name}``, ``{group}``), by the role the audit row
# recorded; a volunteer who reads a family is always one of its own volunteers (0018).
ROLE_WORDS = {
    "volunteer": "your volunteer {name}",
    "coordinator": "{name}, coordinator of {group}",
    "account": "{name}, a professional you invited",
    "secretariat": "{name}, of the network's secretariat",
}
BRIDGE_FIGURE_WORDS = "{name}, your contact person at {group}"
NO_NAME_WORDS = "someone who no longer has an account"
# Scripts the platform's web font (Latin only) does not cover: the page uses the phone's own
# fonts (families/static/families/family_view.css) and downloads no web font.
SYSTEM_FONT_LANGUAGES = {"ar", "fa", "ps", "ti", "uk"}
# Dates are written "2 December 2026" in every language of the view, with these month names.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# The renderer's own words (core/forms.py, templates/forms/field.html), which the site's
# nl/fr/en catalogue would otherwise give in Dutch to a family reading Arabic.
RENDERER_WORDS = [
    "Error:",
    "(optional)",
    "There is a problem",
    "Please correct the following and send again; nothing you typed is lost.",
]


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file with one-line entries (the format these files keep);
    fuzzy entries are left out."""
    entries: dict[str, str] = {}
    msgid = None
    fuzzy = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid = json.loads(line[6:])
        elif line.startswith("msgstr ") and msgid is not None:
            if msgid and not fuzzy:
                entries[msgid] = json.loads(line[7:])
            msgid, fuzzy = None, False
    return entries


@cache
def catalogue(language: str) -> dict[str, str]:
    if language not in CODES:
        return {}
    return read_po(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po")


def fv(language: str, text: str) -> str:
    return catalogue(language).get(text) or text


def who(language: str, words: str, **names: str) -> SafeString:
    """A person in plain words ("your volunteer {name}"), translated, with the name and the
    group's name isolated (``<bdi>``): they are often in another script than the sentence."""
    isolated = {key: format_html("<bdi>{}</bdi>", value) for key, value in names.items()}
    return format_html(str(escape(fv(language, words))), **isolated)


def part_word(language: str, part: str) -> str:
    """The part of the file a read was about, in plain words."""
    return fv(language, PART_WORDS.get(part, "Your file"))


# Dari and Pashto are written with their own digits (as the catalogues write "۱۵ دقیقه");
# Arabic, Tigrinya and the others with 0-9.
DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"), "ps": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}


def join(language: str, items: list[str]) -> str:
    """A list in running text: the Arabic comma in Arabic, Dari and Pashto."""
    return ("، " if language in RTL_LANGUAGES else ", ").join(items)


def number(language: str, value: int | str) -> str:
    """A number (or a time such as 14:05) in the digits the family reads."""
    text = str(value)
    table = DIGITS.get(language)
    return text.translate(table) if table else text


def date(language: str, value: Date | datetime | None) -> str:
    """``2 December 2026`` in the family's language (local time for a moment)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    month = fv(language, MONTHS[value.month - 1])
    return f"{number(language, value.day)} {month} {number(language, value.year)}"


class _FamilyTranslation:
    """The active translation while the family's page renders: the family's catalogue first
    (so the one form renderer's ``{% translate "Error:" %}`` speaks the family's language),
    then Django's translation of that language."""

    def __init__(self, language: str, base: Any) -> None:
        self.language, self.base, self.entries = language, base, catalogue(language)

    def gettext(self, message: str) -> str:
        return self.entries.get(message) or self.base.gettext(message)

    def to_language(self) -> str:
        return self.language

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render in the family's language: Django's ``translation.override`` with the family's
    catalogue in front of the site's."""
    with translation.override(language):
        base = trans_real._active.value  # type: ignore[attr-defined]
        trans_real._active.value = _FamilyTranslation(language, base)  # type: ignore[attr-defined]
        try:
            yield
        finally:
            trans_real._active.value = base  # type: ignore[attr-defined]
