"""Forms of a group's coordinators: the actions on a lead or volunteer, vacancies, filters."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Activity
from places.forms import PostcodeField

from ..languages import LANGUAGE_CHOICES
from ..models import Status, StopReason, Vacancy
from ..services import ENGAGEMENT


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, *, required: bool = True, initial=None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=initial,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a valid date, such as 2026-03-31.")},
    )


class InboxFilterForm(forms.Form):
    # Not shown as a form (the statuses are tabs): the page warns about an unknown status itself.
    in_error_summary = False

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices)
    # The to-dos of the coordinator's home link here (core/homes.py, volunteers/homes.py).
    te_doen = forms.ChoiceField(
        label=_("To do"),
        required=False,
        choices=[("", _("All")), ("wachtend", _("Waiting for an answer")), ("opvolging", _("Follow-up due"))],
    )


class ContactedForm(forms.Form):
    note = forms.CharField(label=_("Short note (optional)"), required=False, max_length=500)


class IntakeForm(forms.Form):
    held_on = _date(_("Date of the intake"), initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    agreed_tasks = forms.CharField(
        label=_("Agreed tasks"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    limits = forms.CharField(
        label=_("Limits the volunteer sets"),
        help_text=_("What they do not want to do, how much time they have, what is too heavy."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_on = _date(_("Follow-up conversation on (optional)"), required=False)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The intake cannot be in the future."))
        return held_on

    def clean(self):
        data = super().clean() or {}
        held_on, follow_up_on = data.get("held_on"), data.get("follow_up_on")
        if held_on and follow_up_on and follow_up_on < held_on:
            self.add_error("follow_up_on", _("The follow-up conversation must come after the intake."))
        return data


class MakeVolunteerForm(forms.Form):
    """No fields: the button confirms."""


STATUS_MOVES = [
    (Status.PAUSED.value, _("Pause")),
    (Status.ACTIVE.value, _("Active")),
    (Status.STOPPED.value, _("Stop")),
]


class StatusForm(forms.Form):
    """Only the moves allowed from the current status are offered (the service checks again)."""

    status = forms.ChoiceField(label=_("New status"), choices=STATUS_MOVES, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label=_("Why does the volunteer stop?"), required=False, choices=[("", "—"), *StopReason.choices]
    )
    keep_in_touch = forms.BooleanField(label=_("The person agrees that we keep in touch"), required=False)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)

    def __init__(self, *args, current: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if current:
            field = cast(forms.ChoiceField, self.fields["status"])
            field.choices = [(v, label) for v, label in STATUS_MOVES if ENGAGEMENT.allows(current, v)]

    def clean(self):
        data = super().clean() or {}
        if data.get("status") == Status.STOPPED:
            if not data.get("reason"):
                self.add_error("reason", _("Choose why the volunteer stops."))
        else:
            data["reason"], data["keep_in_touch"] = "", False
        return data


class PlanFollowUpForm(forms.Form):
    planned_for = _date(_("Follow-up conversation on"))

    def clean_planned_for(self):
        planned_for = self.cleaned_data["planned_for"]
        if planned_for < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a date in the future."))
        return planned_for


class FollowUpHeldForm(forms.Form):
    held_on = _date(_("Held on"), initial=timezone.localdate)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    next_on = _date(_("Next follow-up conversation (optional)"), required=False)

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A conversation cannot be held in the future."))
        return held_on

    def clean(self):
        data = super().clean() or {}
        held_on, next_on = data.get("held_on"), data.get("next_on")
        if held_on and next_on and next_on <= held_on:
            self.add_error("next_on", _("The next conversation must come after this one."))
        return data


class VacancyForm(forms.ModelForm):
    postcode = PostcodeField(label=_("Postcode of the place"))
    languages = forms.MultipleChoiceField(
        label=_("Languages asked for"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "activity",
            "description",
            "languages",
            "time_needed",
            "hours_per_month",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        help_texts = {"time_needed": _("For example: two evenings a week, or one afternoon a month.")}

    field_order = ["title", "activity", "description", "postcode", "languages"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        activity = cast(forms.ModelChoiceField, self.fields["activity"])
        activity.queryset = Activity.objects.all()
        activity.label_from_instance = lambda obj: obj.label  # type: ignore[method-assign]
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["invalid"] = _("Enter a valid date, such as 2026-03-31.")
        if self.instance.pk and self.instance.postal_code_id and not self.is_bound:
            self.initial["postcode"] = self.instance.postal_code.code  # type: ignore[union-attr]

    def clean(self):
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return data


class InterpreterFilterForm(forms.Form):
    taal = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages"))] + LANGUAGE_CHOICES,
        error_messages={"invalid_choice": _("We do not know the language code “%(value)s”. Choose one from the list.")},
    )
