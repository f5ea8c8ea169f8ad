"""Forms of the network meetings (decision 0022). Lengths limited here (encrypted columns)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.formfields import EmailField

from .forms import DOMAIN_OPTIONS, _date, _text
from .meeting_models import Interpreting


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.Form):
    on = _date(_("Date"))
    at = forms.TimeField(
        label=_("Time"), widget=TimeInput(), error_messages={"invalid": _("Enter a time, such as 14:30.")}
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Or an online link"), max_length=500, required=False, assume_scheme="https")
    domains = forms.MultipleChoiceField(
        label=_("Life domains it is about"),
        help_text=_("None chosen: all domains. The agenda lists the open goals of these domains."),
        choices=DOMAIN_OPTIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    volunteers = forms.TypedMultipleChoiceField(
        label=_("Invite volunteers"), coerce=int, choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )
    invite_family = forms.BooleanField(label=_("Invite the family"), required=False)
    family_email = EmailField(label=_("The family's e-mail address (optional)"), required=False)

    def __init__(self, *args: Any, people: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].choices = [(u.pk, str(u)) for u in people]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("on") and data.get("at"):
            data["starts_at"] = timezone.make_aware(datetime.combine(data["on"], data["at"]))
            if data["starts_at"] < timezone.now():
                self.add_error("on", _("The meeting cannot be in the past. Choose a later date and time."))
        if not data.get("place") and not data.get("online_link") and not self.errors.get("online_link"):
            self.add_error("place", _("Give a place or an online link."))
        return data


class InviteForm(forms.Form):
    actor = forms.TypedChoiceField(
        label=_("Actor of the network map"), coerce=int, choices=[], required=False, empty_value=None
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = EmailField(label=_("E-mail address"))

    def __init__(self, *args: Any, actors: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("Someone else"))] + [  # type: ignore[attr-defined]
            (a.pk, f"{a} ({a.domain.label})") for a in actors
        ]


class ReportForm(forms.Form):
    """What was said and decided per agenda item, and a decision that becomes a step."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, items: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"said_{item.pk}"] = _text(_("What was said"), 4000, rows=3)
            self.fields[f"decided_{item.pk}"] = _text(_("What was decided"), 4000, rows=3)
            if item.goal_id:
                self.fields[f"step_{item.pk}"] = forms.CharField(
                    label=_("New step for this goal (optional)"), max_length=500, required=False
                )
                self.fields[f"owner_{item.pk}"] = forms.CharField(
                    label=_("Who does it"), max_length=150, required=False
                )
                self.fields[f"deadline_{item.pk}"] = _date(_("Deadline"), required=False)

    def groups(self) -> list[tuple[Any, list[Any]]]:
        prefixes = ("said", "decided", "step", "owner", "deadline")
        return [
            (item, [self[f"{p}_{item.pk}"] for p in prefixes if f"{p}_{item.pk}" in self.fields]) for item in self.items
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item in self.items:
            if data.get(f"step_{item.pk}") and not data.get(f"owner_{item.pk}"):
                self.add_error(f"owner_{item.pk}", _("Say who does this step."))
        return data

    def texts(self) -> dict[int, dict[str, str]]:
        d = self.cleaned_data
        return {i.pk: {"said": d.get(f"said_{i.pk}", ""), "decided": d.get(f"decided_{i.pk}", "")} for i in self.items}

    def decisions(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        return [
            {
                "item": i.pk,
                "step": d.get(f"step_{i.pk}", ""),
                "owner": d.get(f"owner_{i.pk}", ""),
                "deadline": d.get(f"deadline_{i.pk}"),
            }
            for i in self.items
            if d.get(f"step_{i.pk}")
        ]


class InterpretingForm(forms.Form):
    interpreting = forms.ChoiceField(label=_("How is the meeting interpreted?"), choices=Interpreting.choices)
    interpreting_note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("For example: social interpreter booked by the OCMW social worker."),
        max_length=300,
        required=False,
    )
    sensitive_topic = forms.BooleanField(
        label=_("The topic is sensitive (health, violence, residence...)"), required=False
    )
