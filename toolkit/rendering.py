"""Markdown to safe HTML. Authors write Markdown; whatever HTML it holds is sanitised with
nh3 (an allow-list), so a page can never carry a script, an event handler or a
``javascript:`` link into a reader's browser."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown as md
import nh3
from markdown.extensions.toc import slugify_unicode

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Rendered:
    html: str
    text: str
    toc: list[dict]


def render(source: str) -> Rendered:
    """Sanitised HTML, the plain text (for search) and the table of contents (h2 and h3).

    The page title is the page's only ``h1``: authors write sections as ``##`` (h2) and
    ``###`` (h3); a stray ``#`` heading keeps its text but not its heading."""
    converter = md.Markdown(
        extensions=["toc", "tables", "sane_lists", "abbr"],
        extension_configs={"toc": {"toc_depth": "2-3", "slugify": _heading_id}},
        output_format="html",
    )
    raw = converter.convert(source)
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    toc = [
        {"id": token["id"], "name": html.unescape(token["name"]), "level": token["level"]}
        for token in _flatten(getattr(converter, "toc_tokens", []))
        if 2 <= token["level"] <= 3
    ]
    return Rendered(html=clean, text=plain_text(clean), toc=toc)


def _heading_id(value: str, separator: str) -> str:
    """Heading anchors start with "h-", so a heading called "Main" can never take the id of
    an element of the page around it (the skip link's ``#main``)."""
    return "h-" + slugify_unicode(value, separator)


def _flatten(tokens: list[dict]) -> list[dict]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_HEADING_END = re.compile(r"(?<![.?!:])</h[2-6]>")


def plain_text(clean_html: str) -> str:
    """The text of sanitised HTML, one line, for the search index and its passages. A heading
    ends with a colon, so a passage reads "Het sociaal tarief: wie leefloon krijgt"."""
    text = _TAG.sub(" ", _HEADING_END.sub(":", clean_html))
    return _SPACE.sub(" ", html.unescape(text)).strip()
