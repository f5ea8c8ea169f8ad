"""The one form renderer and the page frame: every form of the site renders as GOV.UK markup,
errors are summarised with working links and announced in the title, and every response
carries the Content-Security-Policy and the Permissions-Policy."""

from __future__ import annotations

import importlib
import inspect
import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation

from core.access import PUBLIC, access
from core.forms import GovukBoundField, GovukFormRenderer
from core.tests.factories import make_document

FORM_MODULES = [
    "accounts.forms",
    "organisations.forms",
    "toolkit.forms",
    "volunteers.forms.public",
    "volunteers.forms.group",
    "volunteers.forms.me",
    "volunteers.forms.secretariat",
]


class Elements(HTMLParser):
    """Every element's attributes and the text of labels and legends."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.captions: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in {"label", "legend"}:
            self._open.append("")

    def handle_endtag(self, tag):
        if tag in {"label", "legend"} and self._open:
            self.captions.append(self._open.pop().strip())

    def handle_data(self, data):
        if self._open:
            self._open[-1] += data

    def ids(self) -> set[str]:
        return {a["id"] for _t, a in self.elements if a.get("id")}


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def every_form(people) -> list[forms.BaseForm]:
    """An instance of every form class of every app (those that need arguments get them)."""
    from volunteers.models import Volunteer

    volunteer = Volunteer.objects.create(full_name="Amal Haddad", email="amal@example.org")
    needs: dict[str, dict] = {
        "CompareForm": {"numbers": [2, 1]},
        "PersonForm": {"volunteer": volunteer},
        "ProfileForm": {"volunteer": volunteer},
        "SetPasswordForm": {"user": people.volunteer},
        "NewAccountForm": {"user": people.volunteer},
    }
    found: list[forms.BaseForm] = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):  # type: ignore[var-annotated]
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module_name:
                continue
            if name == "ProfileForm" and module_name == "accounts.forms":
                found.append(cls(instance=people.volunteer))  # type: ignore[call-arg]
                continue
            found.append(cls(**needs.get(name, {})))
    return found


@pytest.mark.django_db
def test_every_form_of_the_site_renders_without_dashes_or_colons(people):
    make_document("statutes", "Statuten")
    rendered = every_form(people)
    assert len(rendered) >= 30  # the walk found the site's forms
    with translation.override("en"):
        for form in rendered:
            html = str(form)
            assert "---------" not in html, type(form).__name__
            page = parse(html)
            trailing = [c for c in page.captions if c.endswith(":")]
            assert trailing == [], f"{type(form).__name__}: {trailing}"
            assert isinstance(form.renderer, GovukFormRenderer)


@pytest.mark.django_db
def test_an_empty_choice_reads_choose_and_required_radios_have_no_empty_option(people):
    from volunteers.forms.group import VacancyForm

    with translation.override("nl"):
        html = str(VacancyForm())
    assert "Kies…" in html and "---------" not in html

    class Pick(forms.Form):
        colour = forms.ModelChoiceField(
            queryset=type(people.group_a).objects.all(), widget=forms.RadioSelect, empty_label="---------"
        )

    field = Pick()["colour"]
    assert isinstance(field, GovukBoundField) and all(c.label != "---------" for c in field.choices)


class Sample(forms.Form):
    name = forms.CharField(label="Name", max_length=50)
    note = forms.CharField(label="Note", required=False, help_text="A few words.")
    days = forms.MultipleChoiceField(
        label="Days",
        required=False,
        choices=[(str(i), f"Day {i}") for i in range(10)],
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="I agree")
    file = forms.FileField(label="File", required=False)
    text = forms.CharField(label="Text", widget=forms.Textarea, required=False)


def test_optional_fields_are_marked_in_the_users_language_and_required_ones_are_not():
    with translation.override("en"):
        page = parse(str(Sample()))
    assert "Name" in page.captions and "Note (optional)" in page.captions and "Days (optional)" in page.captions
    assert "I agree" in page.captions  # a single checkbox is never marked
    with translation.override("nl"):
        assert "Note (niet verplicht)" in parse(str(Sample())).captions
    with translation.override("fr"):
        assert "Note (facultatif)" in parse(str(Sample())).captions


def test_a_filter_form_marks_nothing_optional():
    from core.templatetags.ui import govuk_fields

    with translation.override("en"):
        html = govuk_fields(Sample(), filters=True)
    assert "(optional)" not in html


def test_each_widget_gets_its_govuk_class_and_many_checkboxes_two_columns():
    html = str(Sample())
    classes = {a.get("name"): a.get("class", "") for t, a in parse(html).elements if t in {"input", "textarea"}}
    assert "govuk-input" in classes["name"] and "govuk-input--width-20" not in classes["name"]
    assert classes["text"].startswith("govuk-textarea") and classes["file"].startswith("govuk-file-upload")
    assert classes["agree"] == "govuk-checkboxes__input" and classes["days"] == "govuk-checkboxes__input"
    assert "app-checkboxes--columns" in html and 'class="govuk-radios govuk-radios--small"' in html

    class Few(forms.Form):
        days = forms.MultipleChoiceField(
            choices=[("1", "Mon"), ("2", "Tue")], widget=forms.CheckboxSelectMultiple(attrs={"columns": 2})
        )
        many = forms.MultipleChoiceField(
            choices=[(str(i), str(i)) for i in range(12)], widget=forms.CheckboxSelectMultiple(attrs={"columns": 1})
        )

    few = Few()
    assert few["days"].columns and not few["many"].columns  # the widget's hint wins


def test_hints_and_errors_are_wired_to_their_control():
    form = Sample(data={"name": "x" * 60, "note": "", "kind": "c"})
    assert not form.is_valid()
    page = parse(str(form))
    by_id = {a.get("id"): (t, a) for t, a in page.elements if a.get("id")}
    _tag, name = by_id["id_name"]
    assert name["aria-describedby"] == "id_name-error" and "govuk-input--error" in name["class"]
    _tag, note = by_id["id_note"]
    assert note["aria-describedby"] == "id_note-hint"
    fieldset = next(a for t, a in page.elements if t == "fieldset" and "id_kind-error" in a.get("aria-describedby", ""))
    assert fieldset and "id_kind-error" in page.ids() and "id_note-hint" in page.ids()
    error = str(form)[str(form).index('id="id_name-error"') :]
    assert error.index('class="govuk-visually-hidden"') < error.index("</p>")  # "Error:" for screen readers


@pytest.mark.django_db
def test_a_failed_submit_gets_a_summary_whose_links_reach_the_fields_and_a_title_that_says_error():
    make_document("statutes", "Statuten")
    make_document("rules", "Huishoudelijk reglement")
    response = Client().post("/aansluiten/", {"group_name": "Welkom in Lier"})  # Dutch, the default
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Fout: ", html)
    summary = html[html.index('class="govuk-error-summary"') : html.index("</ul>", html.index("govuk-error-summary"))]
    assert 'data-module="govuk-error-summary"' in html and "Er is een probleem" in summary
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert len(targets) >= 5 and set(targets) <= parse(html).ids()
    assert 'value="Welkom in Lier"' in html  # what was typed is kept
    assert "<title>Fout: " not in Client().get("/aansluiten/").content.decode()


@pytest.mark.django_db
def test_the_directory_summarises_a_wrong_filter_once_whether_or_not_it_comes_from_the_cache():
    for _attempt in range(2):  # rendered, then from the cache
        html = Client().get("/groepen/", {"near": "abcd"}).content.decode()
        summary = html[
            html.index('class="govuk-error-summary"') : html.index("</ul>", html.index("govuk-error-summary"))
        ]
        assert summary.count('href="#id_near"') == 1 and "<title>Fout: " in html


@pytest.mark.django_db
def test_a_form_that_is_not_shown_as_a_form_stays_out_of_the_summary(people):
    html = people.client("coordinator").get(f"/groepen/{people.group_a.slug}/vrijwilligers/", {"status": "x"}).text
    assert "This status filter is unknown" in html and "govuk-error-summary" not in html


@pytest.mark.django_db
def test_no_page_with_a_form_shows_dashes_or_labels_with_colons(people):
    from volunteers.tests.factories import make_vacancy

    vacancy = make_vacancy(people.group_a)
    coordinator = people.client("coordinator")
    pages = {
        "/groepen/": Client(),
        "/vrijwilligen/": Client(),
        "/aansluiten/": Client(),
        f"/groepen/{people.group_a.slug}/vacatures/nieuw/": coordinator,
        f"/groepen/{people.group_a.slug}/vacatures/{vacancy.pk}/bewerken/": coordinator,
        f"/groepen/{people.group_a.slug}/mensen/": coordinator,
        f"/groepen/{people.group_a.slug}/bewerken/": coordinator,
        "/toolkit/zoeken/?q=x": Client(),
    }
    for url, client in pages.items():
        html = client.get(url).content.decode()
        assert "---------" not in html, url
        assert [c for c in parse(html).captions if c.endswith(":")] == [], url


@access(PUBLIC)
def _fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _fails)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [("/", 200), ("/api/v1/organisations", 200), ("/healthz", 200), ("/bestaat-niet/", 404), ("/account/", 302)],
)
def test_every_response_has_a_strict_csp_and_a_permissions_policy(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = response["Permissions-Policy"]
    assert all(f"{feature}=()" in policy for feature in ("camera", "microphone", "geolocation", "payment", "usb"))


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_page_has_the_headers_too(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "script-src 'self'" in response["Content-Security-Policy"] and "camera=()" in response["Permissions-Policy"]


def test_the_map_tiles_host_is_allowed_for_images_only():
    from gastvrij.settings import tile_source

    assert tile_source("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_source("") == "" and tile_source("javascript:alert(1)") == ""


def test_no_template_has_inline_script_style_or_event_handlers():
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    templates = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    offending = []
    for template in templates:
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = template.read_text()
        for pattern in (r"<style", r"\sstyle=", r"<script(?![^>]*\ssrc=)[^>]*>", r"\son[a-z]+="):
            if re.search(pattern, text):
                offending.append(f"{template.relative_to(base)}: {pattern}")
    assert offending == []


def render(source: str, **context) -> str:
    from django.template import Context, Template

    return Template("{% load ui %}" + source).render(Context(context))


def test_the_block_components_render_govuk_markup():
    html = render(
        '{% tabs "Inhoud" %}{% tab "notes" "Notities" %}<p>een</p>{% endtab %}'
        '{% tab "history" "Geschiedenis" %}<p>twee</p>{% endtab %}{% endtabs %}'
    )
    assert 'data-module="govuk-tabs"' in html and 'href="#notes"' in html and 'href="#history"' in html
    assert 'id="history"' in html and "govuk-tabs__panel--hidden" in html and "<p>twee</p>" in html
    html = render('{% details "Andere acties" %}<p>x</p>{% enddetails %}')
    assert '<details class="govuk-details">' in html and "Andere acties" in html
    assert 'class="govuk-inset-text">tekst<' in render("{% inset %}tekst{% endinset %}")
    assert "govuk-warning-text" in render("{% warning %}let op{% endwarning %}")
    html = render(
        "{% task_list items %}", items=[{"title": "Over jou", "href": "/a/", "status": "lead", "status_label": "Nieuw"}]
    )
    assert 'class="govuk-task-list__item govuk-task-list__item--with-link"' in html and "govuk-tag" in html
    assert render('{% status_tag "active" "Actief" %}') == '<strong class="govuk-tag govuk-tag--green">Actief</strong>'
    assert "govuk-tag--yellow" in render('{% status_tag "open" "Open" field="suggestion" %}')
    assert "govuk-tag--grey" in render('{% status_tag "unheard-of" "?" %}')


def test_pagination_keeps_the_other_query_parameters():
    from django.core.paginator import Paginator
    from django.test import RequestFactory

    request = RequestFactory().get("/groepen/", {"near": "2800", "page": "5"})
    page = Paginator(list(range(200)), 10).get_page(5)
    html = render("{% pagination page %}", page=page, request=request)
    assert 'href="?near=2800&amp;page=4"' in html and 'href="?near=2800&amp;page=6"' in html
    assert 'aria-current="page"' in html and "&ctdot;" in html  # the far pages fold into an ellipsis
    assert render("{% pagination page %}", page=Paginator([1], 10).get_page(1), request=request).strip() == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", "lead", {"action": "intake", "intake-held_on": "31-31-2026", "intake-notes": "Lang"}),
        ("post", "lead", {"action": "status", "status-status": "stopped"}),
        ("get", "/vacatures/", {"near": "abcd"}),
        ("get", "/secretariaat/vrijwilligers/", {"since": "2026-05-01", "until": "2026-01-01"}),
        ("post", "/account/inloggen/", {"username": "", "password": ""}),
        ("post", "/vrijwilligen/", {"full_name": "Amal"}),
    ],
)
def test_every_link_of_an_error_summary_reaches_a_control_on_the_page(people, method, path, data):
    from volunteers.tests.factories_group import make_engagement

    if path == "lead":
        lead = make_engagement(people.group_a, full_name="Nadia El Amrani")
        path = f"/groepen/{people.group_a.slug}/vrijwilligers/{lead.pk}/"
    if path == "/vrijwilligen/":  # a step of the sign-up carries the signed answers so far
        first = people.client(None).get(path).content.decode()
        found = re.search(r'name="state" value="([^"]+)"', first)
        assert found is not None
        data = {**data, "state": found.group(1), "step": "about"}
    client = people.client("coordinator" if "groepen" in path else "secretariat" if "secretariaat" in path else None)
    html = getattr(client, method)(path, data).content.decode()
    start = html.index('class="govuk-error-summary"')
    summary = html[start : html.index("</ul>", start)]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert set(targets) <= parse(html).ids(), targets
    assert "<title>Error: " in html


def test_a_question_label_takes_no_colon_in_the_error_summary():
    from django import forms as django_forms

    from core.forms import error_items

    class Form(django_forms.Form):
        when = django_forms.CharField(label="By when?")
        name = django_forms.CharField(label="Name")

    from django.utils import translation

    with translation.override("en"):
        texts = [item.text for item in error_items(Form(data={}))]
    assert texts == ["By when? This field is required.", "Name: This field is required."]
