"""Forms of the secretariat's volunteer pages (and a group's own figures)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from ..funnel import Period

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class PeriodForm(forms.Form):
    """The period of the funnel (GET). Empty fields fall back to the last 12 months."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = forms.DateField(
        label=_("Until (included)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def _in_range(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not (EARLIEST <= value <= LATEST):
            raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
        return value

    def clean_since(self) -> date | None:
        return self._in_range("since")

    def clean_until(self) -> date | None:
        return self._in_range("until")

    def clean(self) -> dict:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start of the period comes after its end."))
        return data

    def period(self) -> Period:
        """The chosen period; the last 12 months for whatever is missing or invalid."""
        default = Period.default()
        if not self.is_valid():
            return default
        since = self.cleaned_data.get("since") or default.since
        until = self.cleaned_data.get("until") or default.until
        if since > until:  # only one end given, beyond the default's other end
            since, until = (since, since) if self.cleaned_data.get("since") else (until, until)
        return Period(since, until)


class PassOnForm(forms.Form):
    """Pass a waiting lead on to another member group."""

    organisation = forms.ModelChoiceField(
        label=_("Pass on to"),
        queryset=Organisation.objects.members(),
        to_field_name="slug",
        error_messages={
            "required": _("Choose a member group of the network."),
            "invalid_choice": _("Choose a member group of the network."),
        },
    )
