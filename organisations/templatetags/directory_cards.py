"""The directory's cards, built in Python: twenty cards through the template engine cost more
CPU than the page's queries (docs/benchmarks.md, issue 10). The markup is the card list's of
``organisations/_directory_results.html``; change both together."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CARD = (
    '<li class="app-card">\n'
    '      <h3 class="app-card__title"><a href="{}"><bdi>{}</bdi></a></h3>\n'
    '      <p class="app-card__meta"><bdi>{}</bdi>{}{}</p>\n'
    "      {}\n"
    "    </li>"
)


@register.simple_tag
def directory_cards(groups) -> SafeString:
    """``{% directory_cards groups %}``: one ``<li class="app-card">`` per ``Card`` of a page
    (``services.directory_page(..., cards=True)``)."""
    cards = []
    for org in groups:
        cards.append(
            format_html(
                CARD,
                org.url,
                org.name,
                org.municipality_name,
                format_html(" · {}", org.province_name) if org.province_name else "",
                format_html(' · <span class="app-distance">{}</span>', org.distance_text) if org.distance_text else "",
                format_html('<p class="govuk-body-s">{}</p>', " · ".join(org.activity_labels))
                if org.activity_labels
                else "",
            )
        )
    return mark_safe("\n    ".join(cards))  # noqa: S308 (each card built by format_html)
