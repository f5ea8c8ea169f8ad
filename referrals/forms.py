"""Forms of referrals. Lengths are limited here (encrypted fields are text columns)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.formfields import IdField
from families.forms import DateInput
from families.models import ConsentHow, ContactQuality, SupportKind

from .models import FIELD_PART, Introduction, SharedField


class ReferralForm(forms.Form):
    service = IdField(widget=forms.HiddenInput)
    fields_shared = forms.MultipleChoiceField(
        label=_("What may the service see?"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Share as little as the service needs. Only what the family agreed to share with this service."),
    )
    introduction = forms.ChoiceField(
        label=_("How is the family introduced?"), choices=Introduction.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the service (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The service reads this. No names, addresses or residence status."),
    )
    consent = forms.BooleanField(
        label=_("The family agrees to this referral and to sharing what is ticked with this service"),
        error_messages={"required": _("Ask the family's consent first, and tick the box.")},
    )
    consent_how = forms.ChoiceField(label=_("How was it given?"), choices=ConsentHow.choices)
    consent_given_by = forms.CharField(label=_("Given by (which family member)"), max_length=100)
    consent_given_on = forms.DateField(
        label=_("Given on"),
        initial=timezone.localdate,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a valid date, such as 2026-03-31.")},
    )

    def __init__(self, *args: Any, readable_parts: set[str] = frozenset(), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["fields_shared"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in SharedField.choices if FIELD_PART[SharedField(value)] in readable_parts
        ]

    def clean_consent_given_on(self) -> Any:
        value = self.cleaned_data["consent_given_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Can you help?"),
        choices=[("accept", _("Yes, we accept the referral")), ("refuse", _("No, we cannot help"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If not, why not?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a waiting list of a year, or not for people without papers."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the referral is refused."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("What came of it?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the outcome.")},
    )


class PickActorForm(forms.Form):
    service = IdField(widget=forms.HiddenInput)
    support = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    quality = forms.ChoiceField(label=_("How does the contact go?"), choices=ContactQuality.choices)
