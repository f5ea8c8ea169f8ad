"""Forms of the social map: finding help, proposing a service or a change, notes, decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formfields import EmailField
from core.pii import PersonalDataFormMixin
from places.forms import MunicipalityListField
from places.services import PlaceError, find_municipality, find_postcode, match_postcode
from toolkit.models import LIFE_DOMAINS

from .models import LANGUAGES, Appointment, Cost, Service

DOMAIN_CHOICES = [(k, v) for k, v in LIFE_DOMAINS.items()]
LANGUAGE_CHOICES = [(k, v) for k, v in LANGUAGES.items()]
WELCOME_CHOICES = [("no_papers", _("No papers needed")), ("anonymous", _("Anonymous access possible"))]


class FindForm(forms.Form):
    """Find help: words, life domain, place (postcode), language, who is welcome."""

    q = forms.CharField(label=_("What do you need?"), required=False, max_length=200)
    domain = forms.ChoiceField(label=_("Life domain"), required=False, choices=[("", _("All"))] + DOMAIN_CHOICES)
    near = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=20,
        help_text=_("Services that cover this place, nearest first."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("Any"))] + LANGUAGE_CHOICES)
    welcome = forms.MultipleChoiceField(
        label=_("Who is welcome"), required=False, choices=WELCOME_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    def clean_near(self):
        value = self.cleaned_data["near"].strip()
        if not value:
            return None
        try:
            return find_postcode(value)
        except PlaceError as exc:
            raise forms.ValidationError(str(exc)) from exc


PUBLIC_WIDGETS = {
    "description": forms.Textarea(attrs={"rows": 4}),
    "welcome_text": forms.Textarea(attrs={"rows": 2}),
    "hours": forms.Textarea(attrs={"rows": 2}),
}


class EntryForm(forms.ModelForm):
    """The public entry of a service: what a member proposes and the service itself updates."""

    domain_list = forms.MultipleChoiceField(
        label=_("Life domains"), choices=DOMAIN_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    language_list = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "no_papers_needed",
            "anonymous_access",
            "welcome_text",
            "appointment",
            "referral_needed",
            "cost",
            "wheelchair",
            "hours",
            "phone",
            "email",
            "website",
            "notice",
        ]
        widgets = PUBLIC_WIDGETS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appointment"].choices = Appointment.choices  # type: ignore[attr-defined]
        self.fields["cost"].choices = Cost.choices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["domain_list"].initial = self.instance.domain_codes
            self.fields["language_list"].initial = self.instance.language_codes
        # The order on the page: domains and languages after the description.
        order = ["name", "description", "domain_list", "language_list"]
        self.order_fields(order + [f for f in self.fields if f not in order])

    def public_data(self) -> dict:
        """The cleaned public values, as services.PUBLIC_FIELDS names them."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}  # type: ignore[union-attr]
        probe = Service()
        probe.domain_codes = self.cleaned_data["domain_list"]
        probe.language_codes = self.cleaned_data.get("language_list") or []
        data["domains"], data["languages"] = probe.domains, probe.languages
        return data


class NewServiceForm(EntryForm):
    """A member proposes a new service: its organisation and where it is too."""

    organization_name = forms.CharField(label=_("Organisation"), max_length=200)
    municipality = forms.CharField(label=_("Municipality"), max_length=120)
    postcode = forms.CharField(label=_("Postcode (optional)"), required=False, max_length=8)
    address = forms.CharField(label=_("Street address (optional, only if public)"), required=False, max_length=200)
    areas = MunicipalityListField(
        label=_("Municipalities covered (optional)"),
        required=False,
        help_text=_("Names or postcodes, separated by commas. Empty: only the service's own municipality."),
    )
    message = forms.CharField(
        label=_("How do you know this service? (for the editors)"), required=False, max_length=300
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        order = ["organization_name", "name", "description", "municipality", "postcode", "address", "areas"]
        self.order_fields(order + [f for f in self.fields if f not in order])

    def clean_municipality(self):
        try:
            return find_municipality(self.cleaned_data["municipality"])
        except PlaceError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        code = match_postcode(value)
        if code is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a Belgian postcode: use four digits, such as 2800.") % {"value": value}
            )
        return code


class ChangeForm(EntryForm):
    message = forms.CharField(label=_("What changed, and why?"), required=False, max_length=300)


class NoteForm(PersonalDataFormMixin, forms.Form):
    """A practice note is about the service, never about a person: phone numbers, e-mail
    addresses, national numbers and dates of birth are pointed out before it is saved
    (core/pii.py)."""

    personal_data_fields = ("text",)
    text = forms.CharField(
        label=_("How it works here"),
        max_length=2000,
        help_text=_("For members of the network only. Never write about a person or a family."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role"), required=False, max_length=150)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = EmailField(label=_("E-mail address"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note for the author (optional)"), required=False, max_length=500)


class ImportForm(forms.Form):
    package = forms.FileField(
        label=_("HSDS package"),
        help_text=_("A JSON file, or a zip with organizations.csv, services.csv and the other tables."),
    )
    dry_run = forms.BooleanField(label=_("Only check, save nothing"), required=False)
