"""Languages volunteers speak and groups ask for (ISO 639 codes; labels are translated).

The list holds the languages the network meets most: Belgium's own, and those of the
people it supports. Codes are stable; add a language by adding a line.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

# Each name has the "language" context: in a sentence or a list English writes it with a
# capital (Arabic), Dutch too (Arabisch), French in lower case (arabe, français). Without the
# context, "French" is the language switch's and the settings' own "Français".

LANGUAGES = {
    "nl": pgettext_lazy("language", "Dutch"),
    "fr": pgettext_lazy("language", "French"),
    "en": pgettext_lazy("language", "English"),
    "de": pgettext_lazy("language", "German"),
    "ar": pgettext_lazy("language", "Arabic"),
    "fa": pgettext_lazy("language", "Persian (Farsi)"),
    "prs": pgettext_lazy("language", "Dari"),
    "ps": pgettext_lazy("language", "Pashto"),
    "ti": pgettext_lazy("language", "Tigrinya"),
    "am": pgettext_lazy("language", "Amharic"),
    "so": pgettext_lazy("language", "Somali"),
    "ku": pgettext_lazy("language", "Kurdish"),
    "tr": pgettext_lazy("language", "Turkish"),
    "ru": pgettext_lazy("language", "Russian"),
    "uk": pgettext_lazy("language", "Ukrainian"),
    "es": pgettext_lazy("language", "Spanish"),
    "pt": pgettext_lazy("language", "Portuguese"),
    "sq": pgettext_lazy("language", "Albanian"),
    "ur": pgettext_lazy("language", "Urdu"),
    "ln": pgettext_lazy("language", "Lingala"),
}

LANGUAGE_CHOICES = [(code, label) for code, label in LANGUAGES.items()]


def language_label(code: str) -> str:
    return str(LANGUAGES.get(code, code))
