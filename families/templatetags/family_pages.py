"""The repeated parts of a family's record written in Python: the record's sub-navigation,
the network map's list and the action plan's table.

They render exactly the HTML their templates rendered, but Django's template language spent
more time on their few hundred variable lookups, ``{% url %}`` reversals and per-step
components than on the rest of the page (issue 11, docs/benchmarks.md). Every value is
escaped here; what is already safe (``bdi``) is kept as it is, and translations are put
in as they are, as ``{% translate %}`` did (the project's own text)."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.templatetags.text import bdi
from core.templatetags.ui import status_tag
from families.models import ActorKind, ContactQuality, SupportKind

register = template.Library()

# (URL name, label, section): the parts everyone with the part sees, then the coordinators' own.
PART_LINKS = [
    ("families:map", gettext_noop("Network map"), "map", "map"),
    ("families:plan", gettext_noop("Action plan"), "plan", "plan"),
    ("families:meetings", gettext_noop("Network meetings"), "meetings", "plan"),
    ("families:contacts", gettext_noop("Contacts"), "contacts", "contacts"),
]
COORDINATOR_LINKS = [
    ("families:members", gettext_noop("Family members"), "members"),
    ("families:team", gettext_noop("Volunteers"), "team"),
    ("families:consent", gettext_noop("Consent"), "consent"),
    ("families:guests", gettext_noop("Guest professionals"), "guests"),
    ("families:family_link", gettext_noop("The family's own page"), "family-link"),
    ("families:closing", gettext_noop("Closing conversation"), "closing"),
    ("families:log", gettext_noop("Who read what"), "log"),
]


# ``reverse`` resolves the pattern again for every link (a dozen a page): each pattern is
# reversed once, with stand-in arguments, and the arguments put in its place (the same URL;
# only whole numbers and slugs, which ``reverse`` would not quote either).
_patterns: dict[tuple, list[str]] = {}
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _url(name: str, *args: int | str) -> str:
    """``reverse(name, args=args)`` for whole numbers and slugs."""
    kinds = tuple(type(a) is int for a in args)
    if not all(is_int or (isinstance(a, str) and _SLUG.fullmatch(a)) for a, is_int in zip(args, kinds, strict=True)):
        return reverse(name, args=args)
    key = (name, get_script_prefix(), kinds)
    pattern = _patterns.get(key)
    if pattern is None:
        stand_ins = [str(918273640 + i) if is_int else f"stand-in-{i}-8f3a" for i, is_int in enumerate(kinds)]
        pattern = [reverse(name, args=stand_ins)]
        for stand_in in stand_ins:
            head, found, tail = pattern[-1].partition(stand_in)
            if not found or stand_in in tail:
                return reverse(name, args=args)  # a pattern this cannot stand in for
            pattern[-1:] = [head, tail]
        _patterns[key] = pattern
    out = [pattern[0]]
    for arg, part in zip(args, pattern[1:], strict=True):
        out += [str(arg), part]
    return "".join(out)


def _link(name: str, pk: int, label: str, current: bool) -> str:
    aria = ' aria-current="page"' if current else ""
    href = escape(_url(name, pk))
    return f'<li class="app-subnav__item"><a class="app-subnav__link" href="{href}"{aria}>{_(label)}</a></li>'


@register.simple_tag(takes_context=True)
def family_subnav(context: template.Context) -> SafeString:
    """The items of the record's sub-navigation (the list's content, line breaks included)."""
    pk = context["trajectory"].pk
    parts = context.get("parts") or set()
    section = context.get("section", "")
    out = ["\n", _link("families:trajectory", pk, gettext_noop("Overview"), section == "overview"), "\n"]
    for name, label, item_section, part in PART_LINKS:
        if part in parts:
            out.append(_link(name, pk, label, section == item_section))
        out.append("\n")
    if context.get("is_coordinator"):
        out.append("\n")
        for name, label, item_section in COORDINATOR_LINKS:
            out += [_link(name, pk, label, section == item_section), "\n"]
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308  (escaped above)


# ---------------------------------------------------------------- the network map's list


# What ``get_<field>_display`` answers, without building the choices' dictionary per call.
_KINDS, _SUPPORTS, _QUALITIES = dict(ActorKind.choices), dict(SupportKind.choices), dict(ContactQuality.choices)


def _actor(actor: Any) -> str:
    name = bdi(actor.name) if actor.name else _("(no name)")
    quality_label = str(_QUALITIES.get(actor.quality, actor.quality)).lower()
    quality = _("contact %(quality)s") % {"quality": escape(quality_label)}
    kind = escape(str(_KINDS.get(actor.kind, actor.kind)).lower())
    support = escape(str(_SUPPORTS.get(actor.support, actor.support)).lower())
    return f"<li>{name}: {kind}, {support}, {quality}</li>"


@register.simple_tag(takes_context=True)
def map_list(context: template.Context, domains: list[dict], link: bool = False, ids: str = "domain") -> SafeString:
    """The network map as an ordered list of domains (the text alternative of the SVG);
    ``ids``: the prefix of the items' ids (an earlier map on the same page has its own)."""
    pk = context["trajectory"].pk
    out = ['<ol class="govuk-list app-map-list">\n']
    for d in domains:
        code = escape(d["code"])
        label: str = escape(d["label"])
        if link:
            href = escape(_url("families:domain", pk, d["code"]))
            label = f'<a class="govuk-link" href="{href}">{label}</a>'
        no_need = _("skipped: no need")  # (gettext calls stay outside f-strings: xgettext skips those)
        skipped = f' · <span class="govuk-body-s">{no_need}</span>' if d["skipped"] else ""
        out.append(f'<li id="{ids}-{code}">\n<h3 class="govuk-heading-s">{label}{skipped}</h3>\n')
        if d["empty"]:
            prompts = "".join(f" {escape(p)}" for p in d["prompts"])
            nothing = _("Nothing yet: a prompt to ask.")
            out.append(f'<p class="govuk-body govuk-hint">{nothing}{prompts}</p>\n')
        else:
            entry = d["entry"]
            for field, title in (
                ("goes_well", gettext_noop("Goes well:")),
                ("less_well", gettext_noop("Goes less well:")),
                ("help_needed", gettext_noop("Extra help needed:")),
            ):
                value = getattr(entry, field)
                if value:
                    out.append(f'<p class="govuk-body"><strong>{_(title)}</strong> {linebreaksbr(bdi(value))}</p>')
                out.append("\n")
            if d["actors"]:
                actors = "".join(_actor(a) for a in d["actors"])
                out.append(f'<ul class="govuk-list govuk-list--bullet">{actors}</ul>')
            out.append("\n")
        out.append("</li>")
    out.append("\n</ol>\n")
    return mark_safe("".join(out))  # noqa: S308  (escaped above)


# ---------------------------------------------------------------- the action plan's table


def _step_button(csrf: str, url: str, text: str, action: str, step: Any) -> str:
    """What ``{% post_button url text as_link=True action=… step=… back="plan" hidden_text=… %}``
    renders (templates/components/post_button.html)."""
    hidden = f'<span class="govuk-visually-hidden"> {escape(step.text)}</span>' if step.text else ""
    return (
        f'<form method="post" action="{url}" class="app-inline-form">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        f'<input type="hidden" name="action" value="{action}">'
        '<input type="hidden" name="back" value="plan">'
        f'<input type="hidden" name="step" value="{step.pk}">'
        f'<button type="submit" class="app-link-button">{text}{hidden}</button></form>\n'
    )


def _steps(context: template.Context, goal: Any, link: bool, url: str) -> str:
    steps = list(goal.steps.all())
    if not steps:
        return ""
    items = []
    csrf = escape(str(context.get("csrf_token") or ""))
    for s in steps:
        if link:
            if s.done_at:
                done, reopen = _("Done:"), _("Reopen")
                item = f"{done} {bdi(s.text)} {_step_button(csrf, url, reopen, 'step-open', s)}"
            else:
                tick = _("Tick off")
                item = f"{bdi(s.text)} {_step_button(csrf, url, tick, 'step-done', s)}"
        else:
            item = f"{'☑' if s.done_at else '☐'} {bdi(s.text)}"
        items.append(f"<li>{item}</li>")
    return f'<ul class="govuk-list">{"".join(items)}</ul>'


@register.simple_tag(takes_context=True)
def plan_table(context: template.Context, goals: Any, link: bool = False) -> SafeString:
    """The action plan as a responsive table, one goal a row."""
    pk = context["trajectory"].pk
    c1, c2, c3 = _("Life domain"), _("What do I want?"), _("How do I get there?")
    c4, c5 = _("By when?"), _("Who can support me?")
    out = [
        '\n<table class="govuk-table app-table-responsive app-table-responsive--wide">\n'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        f'<th scope="col" class="govuk-table__header">{c1}</th><th scope="col" class="govuk-table__header">{c2}</th>'
        f'<th scope="col" class="govuk-table__header">{c3}</th><th scope="col" class="govuk-table__header">{c4}</th>'
        f'<th scope="col" class="govuk-table__header">{c5}</th></tr></thead>\n<tbody class="govuk-table__body">'
    ]
    rows = 0
    for g in goals:
        rows += 1
        url = escape(_url("families:goal", pk, g.pk)) if link else ""
        what: str = bdi(g.what)
        if link:
            what = f'<a class="govuk-link" href="{url}">{what}</a>'
        if g.reached_at:
            what += " " + status_tag("active", mark_safe(_("Reached")))  # noqa: S308  (a translation)
        referrals = getattr(g, "referral_list", None)
        # The referrals' own template (it ends with a line break, also when it shows nothing).
        what += render_to_string("referrals/_goal_referrals.html", {"g": g}) if referrals else "\n"
        how: str = linebreaksbr(bdi(g.how)) if g.how else ""
        by: str
        if g.by_date:
            by = escape(date_filter(g.by_date, "SHORT_DATE_FORMAT"))
        elif g.by_term:
            by = escape(g.get_by_term_display())
        else:
            by = "—"
        supporters: str = linebreaksbr(bdi(g.supporters)) if g.supporters else "—"
        domain = escape(getattr(g, "domain_label", "") or g.domain)
        out.append(
            '<tr class="govuk-table__row">\n'
            f'<td class="govuk-table__cell" data-label="{c1}">{domain}</td>\n'
            f'<th scope="row" class="govuk-table__header" data-label="{c2}">{what}</th>\n'
            f'<td class="govuk-table__cell" data-label="{c3}">{how}{_steps(context, g, link, url)}</td>\n'
            f'<td class="govuk-table__cell" data-label="{c4}">{by}</td>\n'
            f'<td class="govuk-table__cell" data-label="{c5}">{supporters}</td>\n</tr>'
        )
    if not rows:
        none_yet = _("No goals yet.")
        out.append(f'<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="5">{none_yet}</td></tr>')
    out.append("</tbody>\n</table>\n")
    return mark_safe("".join(out))  # noqa: S308  (escaped above)


# ---------------------------------------------------------------- the Toolkit's checklist on the plan


@register.simple_tag
def checklist_links(items: list[Any], new_url: str) -> SafeString:
    """The Toolkit's checklist items, each a link that starts a goal (up to 60 on every plan
    page: one ``reverse`` per Toolkit page, not a template per item)."""
    page_label = _("Toolkit page")
    page_urls: dict[int, str] = {}
    out = ['<ul class="govuk-list">']
    for item in items:
        line = (
            f'<li><a class="govuk-link" href="{escape(new_url)}?item={item.pk}">{escape(item.text)}</a>'
            f" · {escape(item.get_deadline_display())}"
        )
        if item.page_id:
            if item.page_id not in page_urls:
                page_urls[item.page_id] = escape(item.page.get_absolute_url())
            line += f' · <a class="govuk-link" href="{page_urls[item.page_id]}">{page_label}</a>'
        out.append(line + "</li>")
    out.append("</ul>")
    return mark_safe("".join(out))  # noqa: S308  (escaped above)
