from django import template

from ..languages import language_label

register = template.Library()


@register.simple_tag
def language_name(code: str) -> str:
    return language_label(code)
