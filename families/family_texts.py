"""The family's view has its own catalogue, in nine languages, kept apart from the site's
nl/fr/en catalogue (``locale/``): gettext domain ``familyview`` in
``families/family_view_locale/<lang>/LC_MESSAGES/familyview.po``, read as it is (no
compiled ``.mo`` to go stale; the site's ``makemessages``/``compilemessages`` do not touch
it). ``families/tests/test_family_view.py`` fails on an empty or fuzzy entry or a string of
the view missing from one language. Templates use ``{% fv "..." %}``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .link_models import FAMILY_LANGUAGES

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
}


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
