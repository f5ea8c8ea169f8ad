"""The "I want to help" form, the choice of groups, and the public vacancy filters."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.forms import EmailField, HiddenFieldsMixin, NameField
from core.spam import SpamProtectedForm
from organisations.models import ACTIVITY_LABELS, Activity
from places.forms import PostcodeField

from ..languages import LANGUAGE_CHOICES
from ..models import DAY_PARTS, DAYS, Level, Volunteer
from ..services import SignUp

LANGUAGE_ROWS = 4  # language + level pairs in the form
PAYLOAD_SALT = "volunteers.signup"
PAYLOAD_MAX_AGE = 24 * 3600


def activity_choices() -> list[tuple[str, str]]:
    return [(code, str(ACTIVITY_LABELS.get(code, code))) for code in Activity.objects.values_list("code", flat=True)]


class DetailsForm(forms.Form):
    """What a person tells about themselves; used to sign up and to change a sign-up."""

    full_name = NameField(label=_("Your name"), max_length=150, widget=forms.TextInput({"autocomplete": "name"}))
    email = EmailField(label=_("E-mail address"), required=False, widget=forms.EmailInput({"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput({"autocomplete": "tel"})
    )
    postcode = PostcodeField(label=_("Your postcode"), help_text=_("Groups near you are shown first."))
    activities = forms.MultipleChoiceField(
        label=_("What would you like to do?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    interests = forms.CharField(
        label=_("In your own words (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("For example a skill, a hobby, or what you would rather not do."),
    )
    days = forms.MultipleChoiceField(
        label=_("Which days suit you?"), choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Which times of day?"), choices=DAY_PARTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    hours_per_month = forms.IntegerField(
        label=_("About how many hours a month?"), min_value=1, max_value=200, required=False
    )
    can_interpret = forms.BooleanField(label=_("I can interpret between Dutch and another language"), required=False)
    interpreter_visible = forms.BooleanField(
        label=_("Other groups of the network may find me as an interpreter"), required=False
    )
    allow_pass_on = forms.BooleanField(
        label=_(
            "If a group does not answer within two weeks, the secretariat may pass my details to another group near me"
        ),
        required=False,
    )

    def __init__(self, *args: Any, rows: int = LANGUAGE_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows  # language + level pairs: enough for what the person already gave
        self.fields["activities"].choices = activity_choices()  # type: ignore[attr-defined]
        language_choices = [("", _("— choose a language —")), *LANGUAGE_CHOICES]
        level_choices = [("", _("— how well? —")), *Level.choices]
        for i in range(1, rows + 1):
            self.fields[f"language_{i}"] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i}, choices=language_choices, required=False
            )
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("How well do you speak language %(n)s?") % {"n": i}, choices=level_choices, required=False
            )

    def language_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"language_{i}"], self[f"level_{i}"]) for i in range(1, self.rows + 1)]

    def plain_fields(self) -> list[forms.BoundField]:
        """The visible fields except the language rows (the template lays those out in pairs)."""
        return [f for f in self.visible_fields() if not f.name.startswith(("language_", "level_"))]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            self.add_error("email", _("Give an e-mail address or a phone number, so a group can reach you."))
        seen: set[str] = set()
        for i in range(1, self.rows + 1):
            code, level = cleaned.get(f"language_{i}"), cleaned.get(f"level_{i}")
            if code and code in seen:
                self.add_error(f"language_{i}", _("You chose this language twice."))
            elif code and not level:
                self.add_error(f"level_{i}", _("Say how well you speak this language."))
            elif level and not code:
                self.add_error(f"language_{i}", _("Choose the language you mean."))
            if code:
                seen.add(code)
        return cleaned

    def signup(self) -> SignUp:
        c = self.cleaned_data
        languages = [(c[f"language_{i}"], c[f"level_{i}"]) for i in range(1, self.rows + 1) if c.get(f"language_{i}")]
        return SignUp(
            full_name=c["full_name"],
            email=c.get("email") or "",
            phone=c.get("phone") or "",
            postcode=c["postcode"].code if c.get("postcode") else "",
            activities=list(c.get("activities") or []),
            interests=c.get("interests") or "",
            languages=languages,
            days=list(c.get("days") or []),
            day_parts=list(c.get("day_parts") or []),
            hours_per_month=c.get("hours_per_month"),
            can_interpret=bool(c.get("can_interpret")),
            interpreter_visible=bool(c.get("interpreter_visible")),
            allow_pass_on=bool(c.get("allow_pass_on")),
        )


def rows_for(data: SignUp) -> int:
    """Language rows for a form about this person: theirs, and one free row at least."""
    return max(LANGUAGE_ROWS, len(data.languages) + 1)


def initial_from(data: SignUp) -> dict[str, Any]:
    """Form initial values from a sign-up, so nothing typed is lost on the way back."""
    initial = {k: v for k, v in data.as_dict().items() if k != "languages"}
    for i, (code, level) in enumerate(data.languages, start=1):
        initial[f"language_{i}"], initial[f"level_{i}"] = code, level
    return initial


class PersonForm(DetailsForm):
    """A known person's details, filled with what is stored (the secret link, the account page)."""

    def __init__(self, data=None, *, volunteer: Volunteer, postcode_required: bool = True, **kwargs: Any) -> None:
        stored = SignUp.from_volunteer(volunteer)
        super().__init__(data, initial=initial_from(stored), rows=rows_for(stored), **kwargs)
        self.fields["postcode"].required = postcode_required


class SignUpForm(SpamProtectedForm, DetailsForm):
    consent = forms.BooleanField(
        label=_("I agree that these details go to the groups I choose in the next step, and to nobody else."),
        error_messages={"required": _("Without your consent we cannot pass your details to a group.")},
    )


def sign_payload(data: SignUp) -> str:
    return signing.dumps(data.as_dict(), salt=PAYLOAD_SALT, compress=True)


def read_payload(value: str, *, max_age: int | None = PAYLOAD_MAX_AGE) -> SignUp:
    """The sign-up carried between the steps; ``signing.BadSignature`` (or its subclass
    ``SignatureExpired``) when it was changed or is too old."""
    return SignUp.from_dict(signing.loads(value, salt=PAYLOAD_SALT, max_age=max_age))


class LinkRequestForm(forms.Form):
    """Ask for the secret link again (``/vrijwilligen/link/``)."""

    email = EmailField(label=_("E-mail address you signed up with"))


class PickForm(forms.Form):
    """The groups and vacancies a person picks (the choices come from their matches)."""

    groups = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    vacancies = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def offer(self, result) -> None:
        """Only what the person was shown (a ``matching.Result``) can be picked."""
        self.fields["groups"].choices = [(m.obj.slug, m.obj.name) for m in result.groups]  # type: ignore[attr-defined]
        self.fields["vacancies"].choices = [(m.obj.pk, m.obj.title) for m in result.vacancies]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("groups") and not cleaned.get("vacancies") and not self.errors:
            raise forms.ValidationError(_("Choose at least one group or vacancy."), code="empty")
        return cleaned


class ChooseForm(HiddenFieldsMixin, PickForm):
    """Step two of the sign-up: the picks, with the signed answers of step one (the view
    checks the signature before the form is made)."""

    payload = forms.CharField(widget=forms.HiddenInput)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class VacancyFilterForm(forms.Form):
    near = PostcodeField(label=_("Near postcode"), required=False)
    activity = forms.ChoiceField(label=_("Activity"), required=False)
    language = forms.ChoiceField(
        label=_("Language asked for"), required=False, choices=[("", _("All languages")), *LANGUAGE_CHOICES]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", _("All activities")), *activity_choices()]  # type: ignore[attr-defined]
