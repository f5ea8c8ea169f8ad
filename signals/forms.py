"""The signals app's forms. Free text is checked for personal data (core/pii.py) before it
is saved; the writer removes it or confirms it is none, and nothing typed is lost."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formfields import EmailField, IdField, NameField
from core.pii import PersonalDataFormMixin
from organisations.models import Organisation, OrganisationMember
from places.forms import PostcodeField
from places.models import Region
from toolkit.models import Question

from .models import MAX_COUNT, TEXT_MAX, AddresseeChannel, AddresseeKind, ConsentHow, Dossier, Signal, SourceKind, Theme

COUNT_ERRORS = {
    "invalid": _("Enter the number of people or families as a whole number, such as 7."),
    "min_value": _("Enter at least 1."),
    "max_value": _("Enter at most %(limit_value)s."),
    "required": _("Enter how many people or families this concerns."),
}


def group_names(organisation_ids) -> list[str]:
    """Names the personal-data check looks for in a group's signals: the people of the group.
    The families' names join here once families are on the platform."""
    return [
        name
        for name in OrganisationMember.objects.filter(organisation_id__in=organisation_ids).values_list(
            "user__full_name", flat=True
        )
        if name
    ]


def count_field(label) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=MAX_COUNT, error_messages=COUNT_ERRORS)


class SignalForm(PersonalDataFormMixin, forms.ModelForm):
    personal_data_fields = ("description", "example", "source_reference")

    organisation = forms.ModelChoiceField(label=_("Group"), queryset=Organisation.objects.none(), empty_label=None)
    postcode = PostcodeField(label=_("Postcode of the municipality (optional)"), required=False)
    count = count_field(_("How many people or families does it concern?"))
    description = forms.CharField(
        label=_("The problem, in your own words"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What goes wrong, for whom, since when. No names, addresses or numbers of people."),
    )
    example = forms.CharField(
        label=_("An anonymised example (optional)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One situation that shows the problem, told so that nobody can be recognised."),
    )
    question_id = IdField(
        label=_("Number of the question in “ask the network” (optional)"), required=False, widget=forms.TextInput
    )

    class Meta:
        model = Signal
        fields = [
            "organisation",
            "theme",
            "description",
            "life_domain",
            "region",
            "count",
            "count_unit",
            "example",
            "source_kind",
            "source_reference",
        ]
        widgets = {
            "source_kind": forms.RadioSelect,
            "count_unit": forms.RadioSelect,
        }
        help_texts = {
            "source_reference": _("For example the step of the action plan, or the service that refused."),
        }

    field_order = ["organisation", "theme", "description", "life_domain", "region", "postcode", "count", "count_unit"]

    def __init__(self, *args: Any, user, **kwargs: Any) -> None:
        groups = user.member_organisation_ids()
        super().__init__(*args, personal_data_names=group_names(groups), **kwargs)
        self.user = user
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = Organisation.objects.filter(pk__in=groups)
        cast(forms.ModelChoiceField, self.fields["theme"]).queryset = Theme.objects.filter(active=True)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.all()

    def clean_question_id(self):
        pk = self.cleaned_data.get("question_id")
        if pk is None:
            return None
        question = Question.objects.visible_to(self.user).filter(pk=pk).first()
        if question is None:
            raise forms.ValidationError(_("There is no question with this number."), code="unknown")
        return question

    def clean(self):
        data = super().clean()
        if data.get("question_id") and data.get("source_kind") != SourceKind.QUESTION:
            self.add_error("question_id", _("A question is linked only when the signal came from one."))
        return data

    def save(self, commit: bool = True) -> Signal:
        signal = super().save(commit=False)
        postal = self.cleaned_data.get("postcode")
        if postal is not None:
            signal.municipality = postal.municipality
            signal.region_id = postal.municipality.region_id
        signal.question = self.cleaned_data.get("question_id")
        return signal


class ConfirmForm(PersonalDataFormMixin, forms.Form):
    """The coordinator confirms (and may reword) the signal before it leaves the group."""

    personal_data_fields = ("description", "example")
    description = forms.CharField(
        label=_("The problem, in your own words"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    example = forms.CharField(
        label=_("An anonymised example"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class CoSignForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For the group"), queryset=Organisation.objects.none(), empty_label=None
    )
    count = count_field(_("How many people or families does your group see with this problem?"))

    def __init__(self, *args: Any, user, signal: Signal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = user.member_organisation_ids() - {signal.organisation_id}
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = Organisation.objects.filter(pk__in=groups)


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name"]


class DossierForm(forms.ModelForm):
    class Meta:
        model = Dossier
        fields = ["title", "theme", "summary", "ask"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "ask": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"ask": _("What the network asks of the addressees, in a few sentences.")}


class SignalChoiceForm(forms.Form):
    """Signals picked from a list (to add to a dossier, take out, or split off)."""

    signals = forms.ModelMultipleChoiceField(
        label=_("Signals"),
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose one or more signals.")},
    )
    title = forms.CharField(label=_("Title of the new dossier"), max_length=200, required=False)

    def __init__(self, *args: Any, queryset, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["signals"])
        field.queryset = queryset
        field.label_from_instance = lambda obj: f"#{obj.pk} · {obj.region.name} · {obj.created_at:%Y-%m}"  # type: ignore[method-assign]


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=Dossier.objects.none())

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = Dossier.objects.exclude(pk=dossier.pk).exclude(
            status="merged"
        )


class AddresseeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AddresseeKind.choices)
    name = NameField(label=_("Name of the service or office"), max_length=200)
    email = EmailField(label=_("E-mail address"))
    channel = forms.ChoiceField(
        label=_("How does it read and answer?"),
        choices=AddresseeChannel.choices,
        initial=AddresseeChannel.LINK,
        required=False,  # a link unless chosen otherwise
        widget=forms.RadioSelect,
        help_text=_(
            "An account: the address gets an invitation to make one (or, if it has one, the dossier is added to "
            "it) and logs in with two-step verification; it can answer again after a follow-up. A link: a personal "
            "link by e-mail that answers once."
        ),
    )

    def clean_channel(self) -> str:
        return self.cleaned_data.get("channel") or AddresseeChannel.LINK


class RecipientAccountForm(forms.Form):
    """A policy recipient makes its account from its invitation: a name and a password."""

    full_name = NameField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        from accounts.models import User

        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                person = User(email=self.email, full_name=data.get("full_name", ""))
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}))


class OverviewFilterForm(forms.Form):
    """Filters of the overview. The choices come from ``figures.filter_choices`` (cached), so
    showing the page asks the database nothing for them."""

    thema = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False, empty_value=None)
    regio = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .figures import filter_choices

        themes, regions = filter_choices()
        cast(forms.ChoiceField, self.fields["thema"]).choices = [("", _("All themes")), *themes]
        cast(forms.ChoiceField, self.fields["regio"]).choices = [("", _("All regions")), *regions]


class ConsentForm(forms.Form):
    """The signal's group records that the person concerned agreed to publishing the example."""

    agreed = forms.BooleanField(
        label=_("The person concerned agreed that this anonymised example may be published"),
        error_messages={"required": _("Tick this only when the person concerned agreed.")},
    )
    how = forms.ChoiceField(label=_("How did they agree?"), choices=ConsentHow.choices, widget=forms.RadioSelect)
    on = forms.DateField(
        label=_("On which day?"),
        help_text=_("For example 17/11/2026."),
        error_messages={"invalid": _("Enter the day as day/month/year, such as 17/11/2026.")},
    )

    def clean_on(self):
        from django.utils import timezone

        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The day of the consent cannot be in the future."), code="future")
        return day


class ExamplesForm(forms.Form):
    """The examples the secretariat shows on a dossier's public page: only those with consent."""

    signals = forms.ModelMultipleChoiceField(
        label=_("Examples to publish"),
        queryset=Signal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only examples whose person concerned agreed are listed. Choose none to publish no example."),
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["signals"])
        field.queryset = dossier.signals.filter(example_consent_on__isnull=False).exclude(example="")
        field.initial = [s.pk for s in field.queryset if s.example_public]
        field.label_from_instance = lambda obj: f"#{obj.pk} · {obj.example[:200]}"  # type: ignore[method-assign]
