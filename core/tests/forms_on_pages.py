"""The POST forms a page shows, read from its HTML the way a browser would send them (for
core/tests/test_form_fuzz.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, hidden, password, file, checkbox, radio, select, submit
    value: str = ""  # what the page filled in
    options: list[str] = field(default_factory=list)  # for checkbox, radio, select, submit
    multiple: bool = False
    input_type: str = ""  # the <input type>: email, number, date, url, tel...
    maxlength: int | None = None


@dataclass
class Form:
    action: str  # the path the form posts to
    fields: dict[str, Field] = field(default_factory=dict)

    def add(
        self, name: str, kind: str, value: str = "", *, multiple: bool = False, input_type: str = "", maxlength=None
    ) -> None:
        existing = self.fields.get(name)
        if existing is None:
            existing = self.fields[name] = Field(name, kind, multiple=multiple, input_type=input_type)
            existing.maxlength = int(maxlength) if maxlength and maxlength.isdigit() else None
            if kind not in {"checkbox", "radio", "select", "submit"}:
                existing.value = value
        if kind in {"checkbox", "radio", "submit"}:
            existing.options.append(value)
            existing.multiple = existing.multiple or (kind == "checkbox" and len(existing.options) > 1)


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.form = Form(urlsplit(urljoin(self.page, a.get("action") or self.page)).path)
                self.forms.append(self.form)
            return
        if self.form is None or "name" not in a:
            if tag == "option" and self.select is not None:
                self.select.options.append(a.get("value", ""))
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            kind = {"checkbox": "checkbox", "radio": "radio", "hidden": "hidden", "password": "password"}.get(
                kind, "file" if kind == "file" else "submit" if kind in ("submit", "button") else "text"
            )
            self.form.add(
                name,
                kind,
                a.get("value", "on" if kind == "checkbox" else ""),
                input_type=a.get("type", "text").lower(),
                maxlength=a.get("maxlength"),
            )
        elif tag == "button":
            self.form.add(name, "submit", a.get("value", ""))
        elif tag == "textarea":
            self.form.add(name, "textarea", maxlength=a.get("maxlength"))
            self.textarea, self.text = name, []
        elif tag == "select":
            self.form.add(name, "select", multiple="multiple" in a)
            self.select = self.form.fields[name]
            self.select.multiple = "multiple" in a

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.form is not None and self.textarea is not None:
            self.form.fields[self.textarea].value = "".join(self.text).removeprefix("\n")
            self.textarea = None


def post_forms(html: str, page: str) -> list[Form]:
    """Every ``<form method="post">`` of ``html`` (shown at ``page``), with its fields."""
    parser = _Parser(page)
    parser.feed(html)
    return parser.forms
