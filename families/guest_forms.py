"""Forms of the guest professionals (decision 0024). Lengths fit the columns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.formfields import EmailField, NameField

from .forms import _date
from .guests import latest_end
from .models import ConsentHow, Part

LANGUAGES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]


class GuestInviteForm(forms.Form):
    name = NameField(label=_("Name"), max_length=150)
    email = EmailField(label=_("E-mail address"))
    profession = forms.CharField(
        label=_("Profession and organisation"),
        help_text=_("For example: social worker, OCMW Mechelen."),
        max_length=200,
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=LANGUAGES)
    ends_on = _date(
        _("Access ends on"),
        help_text=_("At most 12 months from today. Access also ends when the support trajectory closes."),
    )
    consent_parts = forms.MultipleChoiceField(
        label=_("The family consents to share with this professional"),
        help_text=_("Nothing chosen: the professional sees nothing until consent is recorded."),
        choices=Part.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_how = forms.ChoiceField(
        label=_("How was the consent given?"), choices=[("", "")] + list(ConsentHow.choices), required=False
    )
    consent_given_by = forms.CharField(label=_("Given by (which family member)"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("ends_on", latest_end())
        super().__init__(*args, **kwargs)

    def clean_ends_on(self) -> Any:
        value = self.cleaned_data["ends_on"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("The end date must be in the future."))
        if value > latest_end():
            raise forms.ValidationError(_("The access can last at most 12 months. Choose an earlier end date."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent_parts"):
            if not data.get("consent_how"):
                self.add_error("consent_how", _("Say how the family gave its consent."))
            if not (data.get("consent_given_by") or "").strip():
                self.add_error("consent_given_by", _("Say which family member gave the consent."))
        return data


class GuestEndForm(forms.Form):
    ends_on = _date(_("New end date"))
