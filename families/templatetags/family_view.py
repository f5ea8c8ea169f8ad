"""``{% fv "text" %}``: a string of the family's view in the family's language
(``families/family_texts.py``)."""

from django import template

from families.family_texts import DOMAIN_WORDS, PART_WORDS
from families.family_texts import fv as translate

register = template.Library()


@register.simple_tag(takes_context=True)
def fv(context: template.Context, text: str) -> str:
    return translate(str(context.get("fv_language") or "nl"), text)


@register.simple_tag(takes_context=True)
def fv_domain(context: template.Context, code: str, own: str = "") -> str:
    if own:
        return own
    return translate(str(context.get("fv_language") or "nl"), DOMAIN_WORDS.get(code, code))


@register.simple_tag(takes_context=True)
def fv_part(context: template.Context, part: str) -> str:
    return translate(str(context.get("fv_language") or "nl"), PART_WORDS.get(part, "Your file"))
