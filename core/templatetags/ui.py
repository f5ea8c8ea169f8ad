"""The design system's components as template tags: ``{% load ui %}``.

Pages arrange these; they never add CSS of their own. docs/frontend.md has one example of
each. The markup is GOV.UK Frontend's (static/core/gastvrij.css, built from frontend/).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.forms import ErrorItem, error_items, forms_in

register = template.Library()

# ------------------------------------------------------------------ errors on the page


@register.simple_tag(takes_context=True)
def page_errors(context) -> list[ErrorItem]:
    """Every error of every bound form in the page's context, for the error summary at the top
    of ``main`` and the "Error: " in the page title (base.html). A view whose form is rendered
    from a cache passes ``form_error_items`` instead (the directory); a form the page does not
    show as a form says ``in_error_summary = False`` (the inbox's status tabs)."""
    items: list[ErrorItem] = list(context.get("form_error_items") or [])
    seen: set[int] = set()
    for layer in context.dicts:
        for form in forms_in(layer.values()):
            if id(form) in seen or not getattr(form, "in_error_summary", True):
                continue
            seen.add(id(form))
            items.extend(error_items(form))
    return list(dict.fromkeys(items))  # a form passed both ways is listed once


@register.inclusion_tag("components/error_summary.html")
def error_summary(items: list[ErrorItem]) -> dict:
    return {"items": items}


@register.simple_tag
def govuk_fields(form, *, filters: bool = False) -> SafeString:
    """A form's fields through the renderer; ``filters=True`` for a GET filter form, whose fields
    are all optional by nature and so carry no "(optional)"."""
    form.is_filter = filters
    return form.render()


@register.filter
def as_filter(field) -> SafeString:
    """``{{ form.near|as_filter }}``: one field of a GET filter form (see ``govuk_fields``)."""
    field.form.is_filter = True
    return field.as_field_group()


# ------------------------------------------------------------------ buttons


@register.inclusion_tag("components/button.html")
def button(
    text: str,
    *,
    kind: str = "primary",
    href: str = "",
    type: str = "submit",
    name: str = "",
    value: str = "",
    hidden_text: str = "",
) -> dict:
    """A primary, secondary or warning button; with ``href`` a link that looks like one."""
    return {
        "text": text,
        "kind": kind,
        "href": href,
        "type": type,
        "name": name,
        "value": value,
        "hidden_text": hidden_text,
    }


@register.inclusion_tag("components/post_button.html", takes_context=True)
def post_button(
    context,
    url: str,
    text: str,
    *,
    kind: str = "secondary",
    hidden_text: str = "",
    as_link: bool = False,
    **fields: Any,
) -> dict:
    """A small form that posts to ``url`` (empty: this page) with one button and hidden ``fields``:
    ``{% post_button close_url _("Close") kind="warning" hidden_text=v.title %}``."""
    return {
        "csrf_token": context.get("csrf_token"),
        "url": url,
        "text": text,
        "kind": kind,
        "hidden_text": hidden_text,
        "as_link": as_link,
        "fields": sorted(fields.items()),
    }


# ------------------------------------------------------------------ tags for statuses

# Each status value of every app gets its colour here, once. Where two status fields use the same
# value for different things, the field's name comes first ("suggestion:open"). Unknown: grey.
STATUS_COLOURS = {
    # volunteer engagement (volunteers.models.Status)
    "lead": "blue",
    "intake": "light-blue",
    "active": "green",
    "paused": "yellow",
    "stopped": "grey",
    # membership application (organisations.models.ApplicationStatus)
    "submitted": "blue",
    "info": "yellow",
    "approved": "green",
    "declined": "red",
    # organisation membership (organisations.models.MembershipStatus)
    "applied": "blue",
    "member": "green",
    "former": "grey",
    # vacancy (open, closed, ended: volunteers/templates/volunteers/group/vacancies.html)
    "open": "green",
    "closed": "grey",
    "ended": "grey",
    # Toolkit suggestion (toolkit.models.EditSuggestion.Status)
    "suggestion:open": "yellow",
    "suggestion:accepted": "green",
    "suggestion:declined": "grey",
    # referral (referrals.models.ReferralStatus)
    "referral:proposed": "blue",
    "referral:sent": "light-blue",
    "referral:accepted": "green",
    "referral:refused": "red",
    "referral:done": "green",
    "referral:cancelled": "grey",
    # interpreter request (interpreting.models.RequestStatus)
    "interpreting:open": "blue",
    "interpreting:asked": "light-blue",
    "interpreting:accepted": "green",
    "interpreting:declined": "orange",
    "interpreting:social": "green",
    "interpreting:done": "grey",
    "interpreting:cancelled": "grey",
    # marks on a row
    "overdue": "red",
    "overloaded": "orange",
    "members-only": "purple",
}
TAG_CLASSES = {
    "blue": "",
    "light-blue": "govuk-tag--turquoise",
    "green": "govuk-tag--green",
    "yellow": "govuk-tag--yellow",
    "grey": "govuk-tag--grey",
    "red": "govuk-tag--red",
    "orange": "govuk-tag--orange",
    "purple": "govuk-tag--purple",
}


@register.simple_tag
def status_tag(value: Any, label: Any = None, field: str = "") -> SafeString:
    """``{% status_tag item.status item.get_status_display %}``: a coloured tag for a status;
    ``field="suggestion"`` where a value means something else in another status field."""
    colour = STATUS_COLOURS.get(f"{field}:{value}") or STATUS_COLOURS.get(str(value), "grey")
    classes = " ".join(c for c in ["govuk-tag", TAG_CLASSES[colour]] if c)
    return format_html('<strong class="{}">{}</strong>', classes, label if label is not None else value)


@register.filter
def with_labels(values, columns) -> list[tuple[Any, Any]]:
    """``{% for label, value in row|with_labels:columns %}``: each cell with its column's label
    (``columns`` as ``(key, label)`` pairs), for ``data-label`` in a responsive table."""
    return [(label, value) for (_key, label), value in zip(columns, values, strict=False)]


# ------------------------------------------------------------------ navigation aids


@register.simple_tag
def breadcrumbs(*parts: Any) -> SafeString:
    """``{% breadcrumbs _("Toolkit") toolkit_url page.title %}``: text, link, text, link, ...,
    and a last text without a link (the current page)."""
    crumbs = []
    parts_list = list(parts)
    while parts_list:
        text = parts_list.pop(0)
        href = parts_list.pop(0) if parts_list else ""
        crumbs.append((text, href))
    return mark_safe(render_to_string("components/breadcrumbs.html", {"crumbs": crumbs}))  # noqa: S308


@register.simple_tag
def back_link(href: str, text: str = "") -> SafeString:
    return format_html('<a href="{}" class="govuk-back-link">{}</a>', href, text or _("Back"))


@register.simple_tag(takes_context=True)
def pagination(context, page) -> SafeString:
    """GOV.UK pagination for a ``Page``; the other query parameters are kept. Never reads the
    page's rows (``not page`` would: a page whose rows the view showed another way, such as the
    directory's nearest-first cards, would run its query for nothing)."""
    if page is None or not page.has_other_pages():
        return mark_safe("")
    request = context.get("request")
    params = [(k, v) for k, values in (request.GET.lists() if request else []) if k != "page" for v in values]

    def href(number: int) -> str:
        return "?" + urlencode([*params, ("page", number)])

    numbers: list[int | None] = []
    last = page.paginator.num_pages
    for n in range(1, last + 1):
        if n in (1, last) or abs(n - page.number) <= 1:
            numbers.append(n)
        elif numbers[-1] is not None:
            numbers.append(None)  # an ellipsis
    return mark_safe(  # noqa: S308
        render_to_string(
            "components/pagination.html",
            {
                "page": page,
                "items": [(n, href(n) if n else "") for n in numbers],
                "previous": href(page.previous_page_number()) if page.has_previous() else "",
                "next": href(page.next_page_number()) if page.has_next() else "",
            },
        )
    )


# ------------------------------------------------------------------ block components


class ComponentNode(Node):
    """A block tag that renders its content into a component template."""

    def __init__(self, template_name: str, nodelist: NodeList, args: list, kwargs: dict) -> None:
        self.template_name, self.nodelist, self.args, self.kwargs = template_name, nodelist, args, kwargs

    def render(self, context) -> str:
        values = {
            "args": [a.resolve(context) for a in self.args],
            **{k: v.resolve(context) for k, v in self.kwargs.items()},
        }
        values["content"] = self.nodelist.render(context)
        return render_to_string(self.template_name, values)


def block_component(name: str, template_name: str) -> None:
    def compile_tag(parser: Parser, token: Token) -> ComponentNode:
        bits = token.split_contents()[1:]
        args, kwargs = [], {}
        for bit in bits:
            if "=" in bit and not bit.startswith(("'", '"', "_(")):
                key, value = bit.split("=", 1)
                kwargs[key] = parser.compile_filter(value)
            else:
                args.append(parser.compile_filter(bit))
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return ComponentNode(template_name, nodelist, args, kwargs)

    register.tag(name, compile_tag)


# {% details _("Summary") %}...{% enddetails %}      a disclosure
block_component("details", "components/details.html")
# {% inset %}...{% endinset %}                        inset text
block_component("inset", "components/inset.html")
# {% warning %}...{% endwarning %}                    warning text with the "!" icon
block_component("warning", "components/warning.html")
# {% fieldset _("Legend") size="m" %}...{% endfieldset %}   grouped fields
block_component("fieldset", "components/fieldset.html")
# {% summary_row _("Key") %}value{% endsummary_row %}  a row of a <dl class="govuk-summary-list">
block_component("summary_row", "components/summary_row.html")
# {% card %}...{% endcard %}                           a result card (an <li> in <ul class="app-card-list">)
block_component("card", "components/card.html")


class TabsNode(Node):
    def __init__(self, title, nodelist: NodeList) -> None:
        self.title, self.nodelist = title, nodelist

    def render(self, context) -> str:
        panels = []
        for node in self.nodelist.get_nodes_by_type(TabNode):
            assert isinstance(node, TabNode)
            panels.append(
                {"id": node.id.resolve(context), "label": node.label.resolve(context), "content": node.render(context)}
            )
        return render_to_string("components/tabs.html", {"title": self.title.resolve(context), "panels": panels})


class TabNode(Node):
    def __init__(self, id, label, nodelist: NodeList) -> None:
        self.id, self.label, self.nodelist = id, label, nodelist

    def render(self, context) -> str:
        return self.nodelist.render(context)


@register.tag("tabs")
def do_tabs(parser: Parser, token: Token) -> TabsNode:
    """``{% tabs _("Contents") %}{% tab "notes" _("Notes") %}...{% endtab %}...{% endtabs %}``"""
    bits = token.split_contents()
    nodelist = parser.parse(("endtabs",))
    parser.delete_first_token()
    return TabsNode(parser.compile_filter(bits[1] if len(bits) > 1 else '""'), nodelist)


@register.tag("tab")
def do_tab(parser: Parser, token: Token) -> TabNode:
    bits = token.split_contents()
    nodelist = parser.parse(("endtab",))
    parser.delete_first_token()
    return TabNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


@register.inclusion_tag("components/task_list.html")
def task_list(items: list[dict], *, id_prefix: str = "task") -> dict:
    """``items``: dicts with ``title``, ``href`` (optional), ``hint`` (optional), ``status``
    (a value of STATUS_COLOURS or free text) and ``status_label``. Several lists on one page
    each get their own ``id_prefix`` (the ids of hints and statuses must be unique)."""
    return {"items": items, "id_prefix": id_prefix}


@register.inclusion_tag("components/todo_list.html")
def todo_list(todos: list, *, id_prefix: str = "todo") -> dict:
    """A home panel's to-dos (``core.homes.Todo``) as a task list: each with its count as a tag
    (red when urgent), linked while there is something to do; "nothing to do" when the count is 0."""
    return {"todos": todos, "id_prefix": id_prefix}


@register.simple_tag
def group_nav(group: Any, current: str = "", user: Any = None) -> SafeString:
    """``{% group_nav org "vacancies" %}``: the sub navigation of a group's tools (the registry in
    ``core/navigation.py``), ``current`` marked. Apps add tools there, never in templates."""
    from core.navigation import group_tools

    tools = group_tools(group, user, current=current)
    return mark_safe(render_to_string("components/group_nav.html", {"tools": tools, "group": group}))  # noqa: S308
