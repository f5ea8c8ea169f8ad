"""The one form renderer: every Django form of every app renders as GOV.UK Frontend markup.

``FORM_RENDERER = "core.forms.GovukFormRenderer"`` (settings). ``{{ form }}`` renders
``templates/forms/form.html`` and ``{{ form.field.as_field_group }}`` renders
``templates/forms/field.html``; the bound field class below gives those templates what GOV.UK's
markup needs (the kind of control, ids for the hint and the error, the widget's classes, the
"(optional)" mark). A GET filter form is rendered with ``{% govuk_fields form filters=True %}``
or ``{{ form.field|as_filter }}`` (``form.is_filter``): no "(optional)" marks, no columns.
Nothing is decided per form: a new app's forms look right by default.
See docs/frontend.md and docs/decisions/0011-design-system.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

# Checkbox groups with more options than this are laid out in two columns (from tablet width).
COLUMNS_FROM = 8
# Django's own empty choice; the select template shows "Choose…" instead, radios drop it.
DJANGO_EMPTY_LABEL = "---------"
# Names of fields people never see: the honeypot of public forms (core/spam.py).
HONEYPOT_FIELDS = frozenset({"website_url"})


def widget_kind(widget: forms.Widget) -> str:
    """Which GOV.UK control a Django widget becomes."""
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


def _input_width(field: forms.Field, widget: forms.Widget) -> str:
    """A GOV.UK width class for short inputs (postcodes, codes, numbers); long ones fill the column."""
    if getattr(widget, "input_type", "") in {"date", "datetime-local", "time"}:
        return "govuk-input--width-10"
    if getattr(widget, "input_type", "") == "number":
        return "govuk-input--width-5"
    size = widget.attrs.get("size")
    max_length = getattr(field, "max_length", None)
    longest = int(size) if size else max_length
    if longest is None:
        return ""
    if longest <= 6:
        return "govuk-input--width-5"
    if longest <= 10:
        return "govuk-input--width-10"
    if longest <= 20:
        return "govuk-input--width-20"
    return ""


WIDGET_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


@dataclass(frozen=True)
class Choice:
    """One checkbox or radio button of a multiple-choice field."""

    id: str
    name: str
    value: str
    label: str
    checked: bool
    hint: str = ""


class GovukBoundField(BoundField):
    """A bound field that knows how GOV.UK Frontend shows it."""

    @cached_property
    def kind(self) -> str:
        return widget_kind(self.field.widget)

    @property
    def is_honeypot(self) -> bool:
        return self.name in HONEYPOT_FIELDS

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def anchor(self) -> str:
        """The id the error summary links to: the first box of a group, else the control."""
        if self.kind in {"checkboxes", "radios"}:
            choices = self.choices
            return choices[0].id if choices else self.auto_id
        return self.id_for_label or self.auto_id

    @property
    def optional_mark(self) -> str:
        """ " (optional)" after the label of an optional field; required fields are not marked
        (GOV.UK's advice: mark the exception). Not on a single checkbox, not on filter forms,
        and not when the label already says it."""
        if self.field.required or self.kind in {"checkbox", "hidden"} or self.is_honeypot:
            return ""
        if getattr(self.form, "is_filter", False):
            return ""
        mark = _("(optional)")
        if str(self.label).rstrip().endswith(mark):
            return ""
        return f" {mark}"

    @property
    def columns(self) -> bool:
        """Many checkboxes go in two columns, except in a narrow filter form. A widget can say
        otherwise: ``CheckboxSelectMultiple(attrs={"columns": 1})`` (or 2)."""
        if self.kind != "checkboxes":
            return False
        hint = self.field.widget.attrs.get("columns")
        if hint is not None:
            return str(hint) == "2"
        return len(self.choices) > COLUMNS_FROM and not getattr(self.form, "is_filter", False)

    @cached_property
    def choices(self) -> list[Choice]:
        """The boxes of a checkbox group or radio list, without Django's "---------"."""
        items = []
        hints = getattr(self.field.widget, "hints", None) or {}  # a hint per option (optional)
        for sub in self.subwidgets:
            data = sub.data
            label = str(data["label"])
            if label == DJANGO_EMPTY_LABEL:
                continue
            items.append(
                Choice(
                    id=data["attrs"].get("id", ""),
                    name=data["name"],
                    value="" if data["value"] is None else str(data["value"]),
                    label=label,
                    checked=bool(data["selected"]),
                    hint=str(hints.get(data["value"], "")),
                )
            )
        return items

    @property
    def aria_describedby(self) -> str | None:  # type: ignore[override]
        ids = []
        if self.help_text and self.hint_id:
            ids.append(self.hint_id)
        if self.errors and self.error_id:
            ids.append(self.error_id)
        return " ".join(ids) or None

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        kind = widget_kind(widget)
        if kind in {"checkboxes", "radios", "hidden"}:
            return attrs
        classes = [WIDGET_CLASSES[kind]]
        if kind == "input":
            classes.append(_input_width(self.field, widget))
        if self.errors and kind != "checkbox":
            classes.append(f"{WIDGET_CLASSES[kind]}--error")
        existing = attrs.get("class", "")
        attrs["class"] = " ".join(c for c in [*classes, existing] if c)
        if kind == "checkbox" and (describedby := self.aria_describedby):
            attrs["aria-describedby"] = describedby
        return attrs

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, label_suffix="", tag=tag)

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return super().legend_tag(contents, attrs, label_suffix="")


class GovukFormRenderer(TemplatesSetting):
    """Django's template-based rendering with GOV.UK templates (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = GovukBoundField


@dataclass(frozen=True)
class ErrorItem:
    """One line of the error summary: the message and the id of the control it is about."""

    text: str
    href: str = ""


def error_items(form: forms.BaseForm) -> list[ErrorItem]:
    """What the error summary lists for a bound form: its own errors first, then each field's,
    in the order of the form, each linking to its control."""
    if not form.is_bound or not form.errors:
        return []
    items = [ErrorItem(str(message)) for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            if field.is_hidden:
                items.append(ErrorItem(str(message)))
                continue
            anchor = field.anchor if isinstance(field, GovukBoundField) else field.auto_id
            label = str(field.label or "")
            # "Label: message"; a label that is a question ("By when?") takes no colon after it.
            joiner = " " if label.endswith("?") else ": "
            text = f"{label}{joiner}{message}" if label and not str(message).startswith(label) else str(message)
            items.append(ErrorItem(text, f"#{anchor}" if anchor else ""))
    return items


def forms_in(values: Iterable[Any], depth: int = 2) -> Iterator[forms.BaseForm]:
    """The forms among template context values, looking one level into dicts and lists."""
    for value in values:
        if isinstance(value, forms.BaseForm):
            yield value
        elif depth > 1 and isinstance(value, dict):
            yield from forms_in(value.values(), depth - 1)
        elif depth > 1 and isinstance(value, list | tuple):
            yield from forms_in(value, depth - 1)
