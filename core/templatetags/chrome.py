"""The site's frame around every page (base.html): its head links, header, service navigation
and footer, at a fraction of the template language's cost (issue 11).

The markup stays in templates (``components/site_head.html``, ``site_header.html``,
``site_footer.html``). What they render does not depend on the request but on the language,
whether the person is signed in and whether the page is their account (or the login) page:
so each variant is rendered once per process and kept, and the two values that belong to the
request, the CSRF token and the page's own address (the language switch's ``next``), are put
in per request, escaped as the template would. Nothing personal is kept: no token, no address,
no name. With ``DEBUG`` on, nothing is kept (templates change while the server runs).

The service navigation's items (``core/navigation.py``) are written here in Python, to the
bytes the template's loop wrote.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_kept: dict[tuple, str] = {}
_KEPT_AT_MOST = 256

# Stand-ins for the request's own values while a variant is rendered once (never in markup).
_CSRF = "\x00csrf\x00"
_NEXT = "\x00next\x00"
_NOT_A_PATH = "\x00path\x00"
_CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_CSRF}">'


def _rendered(name: str, variant: tuple, context: dict[str, Any]) -> str:
    key = (name, translation.get_language(), get_script_prefix(), settings.STATIC_URL, *variant)
    html = _kept.get(key)
    if html is None:
        # A template file ends with a line break; base.html has its own.
        html = render_to_string(name, context).removesuffix("\n")
        if not settings.DEBUG:
            if len(_kept) >= _KEPT_AT_MOST:
                _kept.clear()
            _kept[key] = html
    return html


@register.simple_tag
def site_head() -> SafeString:
    """The icon, the font's preload and the style sheet."""
    return mark_safe(_rendered("components/site_head.html", (), {}))  # noqa: S308  (a template's output)


class _Person:
    def __init__(self, authenticated: bool) -> None:
        self.is_authenticated = authenticated


class _Request:
    def __init__(self, path: str) -> None:
        self.path = path

    def get_full_path(self) -> str:
        return _NEXT


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The skip link, the header (home, account, language switch) and the service
    navigation's frame up to its list."""
    request = context.get("request")
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    own = reverse("accounts:profile" if signed_in else "accounts:login")
    path = getattr(request, "path", "")
    on_own = path == own
    html = _rendered(
        "components/site_header.html",
        (signed_in, on_own),
        {
            "user": _Person(signed_in),
            "request": _Request(own if on_own else _NOT_A_PATH),
            "LANG": translation.get_language(),
            "csrf_token": _CSRF,
        },
    )
    # As {% csrf_token %}: nothing without a token.
    token = context.get("csrf_token")
    csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) if token else ""
    if token == "NOTPROVIDED":
        csrf = ""
    full_path = escape(request.get_full_path()) if request is not None else ""
    return mark_safe(html.replace(_CSRF_INPUT, str(csrf)).replace(_NEXT, full_path))  # noqa: S308  (escaped)


@register.simple_tag
def site_navigation(items: Any) -> SafeString:
    """The service navigation's items (``core.navigation.items_for``), the current one marked."""
    out = []
    for item in items or ():
        href, text = conditional_escape(item.href), conditional_escape(item.text)
        if item.current:
            out.append(
                '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
                f'<a class="govuk-service-navigation__link" href="{href}" aria-current="page">'
                f'<strong class="govuk-service-navigation__active-fallback">{text}</strong></a></li>\n          '
            )
        else:
            out.append(
                '<li class="govuk-service-navigation__item">'
                f'<a class="govuk-service-navigation__link" href="{href}">{text}</a></li>\n          '
            )
    return mark_safe("".join(out))  # noqa: S308  (escaped above)


@register.simple_tag
def site_footer() -> SafeString:
    """The footer and the site's scripts."""
    return mark_safe(_rendered("components/site_footer.html", (), {}))  # noqa: S308  (a template's output)
