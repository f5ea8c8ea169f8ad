"""Languages volunteers speak and groups ask for (ISO 639 codes; labels are translated).

The list holds the languages the network meets most: Belgium's own, and those of the
people it supports. Codes are stable; add a language by adding a line.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LANGUAGES = {
    "nl": _("Dutch"),
    "fr": _("French"),
    "en": _("English"),
    "de": _("German"),
    "ar": _("Arabic"),
    "fa": _("Persian (Farsi)"),
    "prs": _("Dari"),
    "ps": _("Pashto"),
    "ti": _("Tigrinya"),
    "am": _("Amharic"),
    "so": _("Somali"),
    "ku": _("Kurdish"),
    "tr": _("Turkish"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "es": _("Spanish"),
    "pt": _("Portuguese"),
    "sq": _("Albanian"),
    "ur": _("Urdu"),
    "ln": _("Lingala"),
}

LANGUAGE_CHOICES = [(code, label) for code, label in LANGUAGES.items()]


def language_label(code: str) -> str:
    return str(LANGUAGES.get(code, code))
