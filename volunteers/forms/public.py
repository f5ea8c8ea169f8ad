"""The "I want to help" form, the choice of groups, and the public vacancy filters."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core.formfields import EmailField, HiddenFieldsMixin, NameField
from core.inputs import parse_int
from core.spam import SpamProtectedForm
from organisations.models import ACTIVITY_HINTS, ACTIVITY_LABELS, Activity
from places.forms import PostcodeField

from ..languages import LANGUAGE_CHOICES
from ..models import DAY_PARTS, DAYS, Gender, Level, Volunteer
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
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("— not given —")), *Gender.choices],
        required=False,
        help_text=_("Only if you want to say it: a family sometimes asks for a woman or a man as volunteer."),
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

    asks_languages = True  # the language + level rows (a step of the sign-up may leave them out)

    def __init__(self, *args: Any, rows: int = LANGUAGE_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows if self.asks_languages else 0  # language + level pairs: enough for what was given
        if "activities" in self.fields:
            self.fields["activities"].choices = activity_choices()  # type: ignore[attr-defined]
            self.fields["activities"].widget.hints = ACTIVITY_HINTS  # type: ignore[attr-defined]
        if not self.asks_languages:
            return
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
        asks_contact = "email" in self.fields and "phone" in self.fields
        if asks_contact and not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email"):
            self.add_error("email", _("Give an e-mail address or a phone number, so a group can reach you."))
        seen: set[str] = set()
        for i in range(1, self.rows + 1):
            if f"language_{i}" not in self.fields:
                continue
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
        return signup_from(self.cleaned_data, self.rows)


def signup_from(c: dict[str, Any], rows: int) -> SignUp:
    """A sign-up from cleaned answers (one form's, or every step's together)."""
    languages = [(c[f"language_{i}"], c[f"level_{i}"]) for i in range(1, rows + 1) if c.get(f"language_{i}")]
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
        gender=c.get("gender") or "",
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
        stored = (
            SignUp.from_volunteer(volunteer)
            if volunteer.pk is not None
            else SignUp(full_name=volunteer.full_name, email=volunteer.email)
        )
        super().__init__(data, initial=initial_from(stored), rows=rows_for(stored), **kwargs)
        self.fields["postcode"].required = postcode_required


# ---------------------------------------------------------------- the sign-up in steps

MAX_LANGUAGE_ROWS = 8


class StepForm(DetailsForm):
    """One step of the sign-up: ``DetailsForm`` with only the fields of its topic (chosen once,
    below ``STEPS``: a step copies and renders only its own fields)."""

    step = ""
    title: Any = ""
    keep: tuple[str, ...] = ()
    asks_languages = False


class AboutStep(StepForm):
    step, title = "about", _("About you")
    keep = ("full_name", "email", "phone", "postcode")


class ActivitiesStep(StepForm):
    step, title = "activities", _("What you would like to do")
    keep = ("activities", "interests")


class LanguagesStep(StepForm):
    step, title = "languages", _("Languages")
    keep = ("can_interpret", "interpreter_visible")
    asks_languages = True


class TimeStep(StepForm):
    step, title = "time", _("When you are free")
    keep = ("days", "day_parts", "hours_per_month")


class ConsentStep(SpamProtectedForm, StepForm):
    step, title = "consent", _("Consent")
    keep = ("allow_pass_on", "consent", "website_url", "form_started")
    consent = forms.BooleanField(
        label=_(
            "I agree that these details go to the groups I choose in the next step. Nobody else sees them, "
            "except the network's secretariat, and only if I agreed above that it may pass my details on "
            "and no group has answered me within two weeks."
        ),
        error_messages={"required": _("Without your consent we cannot pass your details to a group.")},
    )


STEPS: list[type[StepForm]] = [AboutStep, ActivitiesStep, LanguagesStep, TimeStep, ConsentStep]
for _step in STEPS:  # after the metaclass has collected every field of DetailsForm
    _step.base_fields = {name: f for name, f in _step.base_fields.items() if name in _step.keep}
STEP_NAMES = [s.step for s in STEPS]
STATE_SALT = "volunteers.signup.steps"


def language_rows_in(data: Any) -> int:
    """How many language rows a step's data holds (the highest ``language_N`` sent)."""
    numbers = [
        number
        for k in data
        if k.startswith("language_") and (number := parse_int(k.split("_", 1)[1], maximum=MAX_LANGUAGE_ROWS))
    ]
    return min(max(numbers, default=1), MAX_LANGUAGE_ROWS)


def step_values(form_class: type[StepForm], data: Any) -> dict[str, list[str]]:
    """The raw values a step's fields were sent with (lists, as a QueryDict holds them), to
    carry between steps exactly as typed, valid or not."""
    probe = form_class(rows=language_rows_in(data) if form_class is LanguagesStep else LANGUAGE_ROWS)
    return {name: [str(v) for v in data.getlist(name)] for name in probe.fields if name in data}


def sign_state(state: dict[str, Any]) -> str:
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def read_state(value: str) -> dict[str, Any]:
    """The answers carried between the steps; ``signing.BadSignature`` when changed or older
    than a day."""
    state = signing.loads(value, salt=STATE_SALT, max_age=PAYLOAD_MAX_AGE)
    if not isinstance(state, dict) or not isinstance(state.get("steps", {}), dict):
        raise signing.BadSignature("not a sign-up state")
    return state


def state_from_signup(data: SignUp) -> dict[str, dict[str, list[str]]]:
    """Every step's raw values from a finished sign-up (back from the matches)."""
    initial = initial_from(data)
    steps: dict[str, dict[str, list[str]]] = {}
    for form_class in STEPS:
        rows = max(1, len(data.languages)) if form_class is LanguagesStep else LANGUAGE_ROWS
        fields = form_class(rows=rows).fields
        values: dict[str, list[str]] = {}
        for name in fields:
            value = initial.get(name)
            if value in (None, "", False, []):
                continue
            if value is True:
                values[name] = ["on"]
            elif isinstance(value, list):
                values[name] = [str(v) for v in value]
            else:
                values[name] = [str(value)]
        steps[form_class.step] = values
    steps["consent"]["consent"] = ["on"]  # given already: the person reached the matches with it
    return steps


def sign_payload(data: SignUp) -> str:
    return signing.dumps(data.as_dict(), salt=PAYLOAD_SALT, compress=True)


def read_payload(value: str, *, max_age: int | None = PAYLOAD_MAX_AGE) -> SignUp:
    """The sign-up carried between the steps; ``signing.BadSignature`` (or its subclass
    ``SignatureExpired``) when it was changed or is too old."""
    return SignUp.from_dict(signing.loads(value, salt=PAYLOAD_SALT, max_age=max_age))


class LinkRequestForm(forms.Form):
    """Ask for the secret link again (``/vrijwilligen/link/``)."""

    email = EmailField(label=_("E-mail address you signed up with"), widget=forms.EmailInput({"autocomplete": "email"}))


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
