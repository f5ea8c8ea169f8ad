"""Forms of interpreter requests. Lengths are limited here (encrypted fields are text
columns: the database does not hold them to a length)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.formfields import HiddenFieldsMixin
from families.forms import _date
from families.meeting_forms import TimeInput
from volunteers.languages import LANGUAGE_CHOICES

from .models import REASON_MAX, TOPIC_MAX, Sensitivity


class RequestForm(HiddenFieldsMixin, forms.Form):
    meeting = forms.TypedChoiceField(
        label=_("For a network meeting"), coerce=int, choices=[], required=False, empty_value=None
    )
    on = _date(_("Date"))
    at = forms.TimeField(
        label=_("Time"), widget=TimeInput(), error_messages={"invalid": _("Enter a time, such as 14:30.")}
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Where the interpreter should come: an address or a building, not the family's home address."),
    )
    online_link = forms.URLField(label=_("Or an online link"), max_length=500, required=False, assume_scheme="https")
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Choose a language"))] + LANGUAGE_CHOICES,
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        help_text=_(
            "The interpreter reads this before answering. Keep it general: no names or details. "
            "For example: a conversation at school about homework."
        ),
    )
    sensitivity = forms.ChoiceField(
        label=_("How sensitive is the topic?"), choices=Sensitivity.choices, widget=forms.RadioSelect
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, meetings: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [("", _("No: a visit or another appointment"))] + [  # type: ignore[attr-defined]
            (m.pk, date_format(timezone.localtime(m.starts_at), "SHORT_DATETIME_FORMAT")) for m in meetings
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("on") and data.get("at"):
            data["starts_at"] = timezone.make_aware(datetime.combine(data["on"], data["at"]))
            if data["starts_at"] < timezone.now():
                self.add_error("on", _("The date and time cannot be in the past. Choose a later moment."))
        if not data.get("place") and not data.get("online_link") and not self.errors.get("online_link"):
            self.add_error("place", _("Give a place or an online link."))
        data["meeting_obj"] = self.meetings.get(data.get("meeting")) if data.get("meeting") else None
        return data


class SocialForm(forms.Form):
    booked_by = forms.CharField(
        label=_("Booked by (which professional or service)"),
        max_length=200,
        help_text=_("A private person cannot book the public social interpreting service: a professional books it."),
        error_messages={"required": _("Say which professional booked the social interpreter.")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), max_length=REASON_MAX, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say briefly why you withdraw, so the group can find someone else.")},
    )
