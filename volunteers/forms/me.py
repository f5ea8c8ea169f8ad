"""Forms of a volunteer's own area: profile, self-care check-in, erasure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Activity
from places.services import PlaceError, find_postcode

from ..languages import LANGUAGES
from ..models import DAY_PARTS, DAYS, Level, Load, Volunteer
from ..services import SignUp

LEVEL_PREFIX = "level_"


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, required=False, help_text=_("Where you live, so groups nearby find you.")
    )
    activities = forms.MultipleChoiceField(
        label=_("What I would like to do"), required=False, widget=forms.CheckboxSelectMultiple
    )
    interests = forms.CharField(label=_("In my own words"), max_length=1000, required=False, widget=forms.Textarea)
    days = forms.MultipleChoiceField(
        label=_("Days I am free"), choices=DAYS, required=False, widget=forms.CheckboxSelectMultiple
    )
    day_parts = forms.MultipleChoiceField(
        label=_("Times of day"), choices=DAY_PARTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    hours_per_month = forms.IntegerField(label=_("Hours a month"), min_value=0, max_value=300, required=False)
    can_interpret = forms.BooleanField(label=_("I can interpret"), required=False)
    interpreter_visible = forms.BooleanField(
        label=_("Groups of the network may find me as an interpreter"), required=False
    )
    allow_pass_on = forms.BooleanField(
        label=_("If a group does not answer, the secretariat may pass my details to another group near me"),
        required=False,
    )

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        if kwargs.get("data") is None and not (args and args[0] is not None):
            kwargs["initial"] = self._initial(volunteer)
        super().__init__(*args, **kwargs)
        activities = self.fields["activities"]
        assert isinstance(activities, forms.MultipleChoiceField)
        activities.choices = [(a.code, a.label) for a in Activity.objects.all()]
        level_choices = [("", _("I do not speak it")), *Level.choices]
        for code, label in LANGUAGES.items():
            self.fields[LEVEL_PREFIX + code] = forms.ChoiceField(label=label, choices=level_choices, required=False)

    @staticmethod
    def _initial(volunteer: Volunteer) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "full_name": volunteer.full_name,
            "email": volunteer.email,
            "phone": volunteer.phone,
            "postcode": volunteer.postal_code.code if volunteer.postal_code else "",
            "activities": [a.code for a in volunteer.activities.all()],
            "interests": volunteer.interests,
            "days": volunteer.days,
            "day_parts": volunteer.day_parts,
            "hours_per_month": volunteer.hours_per_month,
            "can_interpret": volunteer.can_interpret,
            "interpreter_visible": volunteer.interpreter_visible,
            "allow_pass_on": volunteer.allow_pass_on,
        }
        for lang in volunteer.languages.all():
            initial[LEVEL_PREFIX + lang.code] = lang.level
        return initial

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "").strip()
        if raw:
            try:
                return find_postcode(raw).code
            except PlaceError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return raw

    def clean_full_name(self) -> str:
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name

    def language_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith(LEVEL_PREFIX)]

    def other_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith(LEVEL_PREFIX)]

    def to_signup(self) -> SignUp:
        data = self.cleaned_data
        return SignUp(
            full_name=data["full_name"],
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            postcode=data.get("postcode") or "",
            activities=list(data.get("activities") or []),
            interests=data.get("interests") or "",
            languages=[
                (name.removeprefix(LEVEL_PREFIX), data[name])
                for name in self.fields
                if name.startswith(LEVEL_PREFIX) and data.get(name)
            ],
            days=list(data.get("days") or []),
            day_parts=list(data.get("day_parts") or []),
            hours_per_month=data.get("hours_per_month"),
            can_interpret=bool(data.get("can_interpret")),
            interpreter_visible=bool(data.get("interpreter_visible")),
            allow_pass_on=bool(data.get("allow_pass_on")),
        )


LOAD_LABELS = {
    Load.LIGHT: _("1 – Light: I have energy to spare"),
    Load.FINE: _("2 – Fine"),
    Load.BUSY: _("3 – Busy, but OK"),
    Load.HEAVY: _("4 – Heavy: I could use some support"),
    Load.TOO_HEAVY: _("5 – Too heavy: I need to step back or talk"),
}


class CheckInForm(forms.Form):
    load = forms.TypedChoiceField(
        label=_("How heavy does volunteering feel right now?"),
        choices=list(LOAD_LABELS.items()),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how heavy it feels, from 1 to 5."),
            "invalid_choice": _("Choose how heavy it feels, from 1 to 5."),
        },
    )
    note = forms.CharField(
        label=_("Anything you want your coordinator to know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: my details, my check-ins and my account are erased for good."),
        error_messages={"required": _("Tick the box to confirm that you want to be erased.")},
    )
