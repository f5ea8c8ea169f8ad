"""Forms of a volunteer's own area: profile, self-care check-in, erasure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Load, Volunteer
from .public import PersonForm


class ProfileForm(PersonForm):
    """The volunteer's own profile: the sign-up's questions; an account holder may not have
    given a postcode yet, so it may stay empty."""

    def __init__(self, data=None, *, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(data, volunteer=volunteer, postcode_required=False, **kwargs)


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
