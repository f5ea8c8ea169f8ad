"""User text in templates: ``{% load text %}{{ person.full_name|bdi }}``.

``bdi`` escapes the text and wraps it in ``<bdi>``, so a right-to-left name, or one with a
right-to-left override, is shown in its own direction without reordering the sentence
around it (core/text.py says why). Use it wherever a page shows what someone typed
inside other text: names, titles, e-mail addresses. Blocks of text (descriptions,
answers) use ``dir="auto"`` on their container instead.
"""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter(is_safe=True)
def bdi(value: object) -> SafeString:
    if value is None or value == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", conditional_escape(str(value)))
