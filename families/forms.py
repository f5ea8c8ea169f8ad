"""Forms of a family's record. Lengths are limited here (encrypted fields are text columns)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toolkit.models import LIFE_DOMAINS, Deadline
from volunteers.languages import LANGUAGE_CHOICES

from .models import (
    ActorKind,
    AgeBand,
    AssignmentRole,
    ConsentHow,
    ContactKind,
    ContactQuality,
    MemberRole,
    Part,
    SupportKind,
    VolunteerGender,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: Any, *, required: bool = True, initial: Any = None, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        help_text=help_text,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a valid date, such as 2026-03-31.")},
    )


def _text(
    label: Any, max_length: int, *, required: bool = False, rows: int = 3, help_text: Any = ""
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


LANGUAGE_OPTIONS = [("", _("Not known"))] + LANGUAGE_CHOICES
DOMAIN_OPTIONS = [(k, v) for k, v in LIFE_DOMAINS.items()]


class TrajectoryForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym or first names"),
        max_length=100,
        help_text=_("No surname needed. Use a name the family agrees with."),
    )
    contact_language = forms.ChoiceField(label=_("Contact language"), choices=LANGUAGE_OPTIONS, required=False)


class MemberForm(forms.Form):
    first_name = forms.CharField(label=_("First name or nickname (optional)"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role in the family"), choices=MemberRole.choices)
    birth_year = forms.IntegerField(label=_("Birth year (optional)"), required=False, min_value=1900, max_value=2100)
    age_band = forms.ChoiceField(
        label=_("Or an age band"), choices=[("", _("Not given"))] + AgeBand.choices, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    reads_dutch = forms.TypedChoiceField(
        label=_("Reads Dutch"),
        choices=[("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: {"yes": True, "no": False}.get(v),
        empty_value=None,
        required=False,
    )
    residence_status = forms.CharField(
        label=_("Residence status (optional)"),
        max_length=200,
        required=False,
        help_text=_("Never required. Shown only inside the group, never exported per person."),
    )

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("The birth year cannot be in the future."))
        return year


class AssignForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Volunteer"), coerce=int, choices=[])
    role = forms.ChoiceField(label=_("Role"), choices=AssignmentRole.choices)
    life_domain = forms.ChoiceField(
        label=_("Life domain (optional)"), choices=[("", _("All domains"))] + DOMAIN_OPTIONS, required=False
    )
    confidentiality_signed_on = _date(
        _("Confidentiality agreement signed on (optional)"),
        required=False,
        help_text=_("The family can allow some parts only to volunteers bound by the agreement."),
    )

    def __init__(self, *args: Any, people: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(m.user_id, str(m.user)) for m in people]  # type: ignore[attr-defined]


class PreferenceForm(forms.Form):
    volunteer_gender = forms.ChoiceField(
        label=_("The family asks for a volunteer who is"),
        choices=[("", _("No preference")), *VolunteerGender.choices],
        required=False,
        help_text=_("Only when the family asks it. The suggestions then show those people first."),
    )


class BridgeForm(forms.Form):
    bridge_figure = forms.TypedChoiceField(label=_("Bridge figure"), coerce=int, choices=[], required=False)

    def __init__(self, *args: Any, coordinators: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["bridge_figure"].choices = [("", _("Nobody yet"))] + [  # type: ignore[attr-defined]
            (u.pk, str(u)) for u in coordinators
        ]


class ConsentForm(forms.Form):
    receiver = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=[], required=False, empty_value=None)
    receiver_organisation = forms.CharField(label=_("Or an organisation"), max_length=200, required=False)
    part = forms.ChoiceField(label=_("Part"), choices=Part.choices)
    domain = forms.ChoiceField(
        label=_("Only this life domain (optional)"), choices=[("", _("All domains"))] + DOMAIN_OPTIONS, required=False
    )
    bound_only = forms.BooleanField(
        label=_("Only while the person is bound by the confidentiality agreement"), required=False
    )
    how = forms.ChoiceField(label=_("How was it given?"), choices=ConsentHow.choices)
    given_by = forms.CharField(label=_("Given by (which family member)"), max_length=100)
    given_on = _date(_("Given on"), initial=timezone.localdate)

    def __init__(self, *args: Any, receivers: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [("", _("Nobody (an organisation)"))] + [  # type: ignore[attr-defined]
            (a.user_id, str(a.user)) for a in receivers
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("receiver") and not data.get("receiver_organisation"):
            raise forms.ValidationError(_("Choose a person or name an organisation."))
        if data.get("given_on") and data["given_on"] > timezone.localdate():
            self.add_error("given_on", _("The date cannot be in the future."))
        return data


class DomainForm(forms.Form):
    skipped = forms.BooleanField(label=_("No need in this domain: skip it"), required=False)
    goes_well = _text(_("What goes well?"), 4000)
    less_well = _text(_("What goes less well?"), 4000)
    help_needed = _text(_("Where is extra help needed?"), 4000)


class OwnDomainForm(forms.Form):
    own_label = forms.CharField(label=_("Name of the own domain"), max_length=100)


class ActorForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of actor"), choices=ActorKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)
    support = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    quality = forms.ChoiceField(label=_("How does the contact go?"), choices=ContactQuality.choices)


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Life domain"), choices=[])
    what = _text(_("What do I want?"), 2000, required=True, rows=2, help_text=_("In the family's own words."))
    how = _text(_("How do I get there?"), 4000)
    by_date = _date(_("By when: a date"), required=False)
    by_term = forms.ChoiceField(
        label=_("Or a typical term"), choices=[("", _("No term"))] + Deadline.choices, required=False
    )
    supporters = _text(_("Who can support me?"), 2000, rows=2)
    translation = _text(
        _("The goal in the family's language"),
        2000,
        rows=2,
        help_text=_(
            "Added by a volunteer or an interpreter. The family's own page shows it under the goal as it was written."
        ),
    )
    new_step = forms.CharField(label=_("Add a step (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, domains: list[tuple[str, Any]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = list(domains)  # type: ignore[attr-defined]
        self.past_deadline = False

    def clean_by_date(self) -> Any:
        value = self.cleaned_data.get("by_date")
        # A date in the past is allowed; the page warns about it.
        self.past_deadline = bool(value and value < timezone.localdate())
        return value


class ContactForm(forms.Form):
    on = _date(_("Date"), initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    note = _text(_("Short note (optional)"), 2000)
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals touched"), coerce=int, choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, goals: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["goals"].choices = [(g.pk, str(g)[:80]) for g in goals]  # type: ignore[attr-defined]

    def clean_on(self) -> Any:
        value = self.cleaned_data.get("on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class CompareForm(forms.Form):
    """The network map of an earlier day with a change, to compare with today's (a GET form)."""

    compare = forms.TypedChoiceField(label=_("Compare with the map of"), choices=[], coerce=str)

    def __init__(self, *args: Any, days: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils.formats import date_format

        field = self.fields["compare"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(d.isoformat(), date_format(d, "DATE_FORMAT")) for d in days]
        field.error_messages["invalid_choice"] = _("Choose one of the days on which the map changed.")
        self.days = {d.isoformat(): d for d in days}

    def clean_compare(self) -> Any:
        return self.days[self.cleaned_data["compare"]]
