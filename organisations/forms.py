from __future__ import annotations

import uuid
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import text
from core.formfields import EmailField, HiddenFieldsMixin, NameField
from core.spam import SpamProtectedForm
from places.forms import MunicipalityListField, PostcodeField, municipality_names
from places.models import Province
from places.services import PlaceError, find_municipality, locate_postcode

from . import services
from .models import (
    AUDIENCE_CHOICES,
    Activity,
    DocumentKind,
    MembershipApplication,
    MembershipEvent,
    NetworkDocument,
    Organisation,
    Role,
)


class ActivityChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Activity) -> str:
        return obj.label


def _activities_field(required: bool = False) -> ActivityChoiceField:
    return ActivityChoiceField(
        queryset=Activity.objects.all(), required=required, label=_("Activities"), to_field_name="code"
    )


class DirectoryFilterForm(forms.Form):
    """Filters of the public directory and of the API; invalid values get translated errors."""

    q = forms.CharField(label=_("Name or place"), required=False, max_length=100)
    activity = forms.MultipleChoiceField(label=_("Activity"), required=False, widget=forms.CheckboxSelectMultiple)
    province = forms.ChoiceField(label=_("Province"), required=False)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    near = forms.CharField(
        label=_("Near postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["activity"]).choices = [(a.code, a.label) for a in Activity.objects.all()]
        cast(forms.ChoiceField, self.fields["province"]).choices = (
            [("", _("All provinces"))]
            + [(p.nis_code, p.short_name) for p in Province.objects.all()]
            + [("brussels", _("Brussels-Capital Region"))]
        )

    def clean_municipality(self):
        value = self.cleaned_data["municipality"].strip()
        if not value:
            return None
        try:
            return find_municipality(value)
        except PlaceError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_near(self):
        value = self.cleaned_data["near"].strip()
        if not value:
            return None
        try:
            return locate_postcode(value)
        except PlaceError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def filters(self) -> services.DirectoryFilters:
        """The valid filters; an invalid field is left out (its error is shown)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return services.DirectoryFilters(
            q=data.get("q", ""),
            activities=tuple(data.get("activity") or ()),
            province=data.get("province") or "",
            municipality=data.get("municipality"),
            near=data.get("near"),
        )


class OrganisationFieldsMixin(forms.Form):
    """Fields a group fills in both when applying and when editing its profile."""

    postcode = PostcodeField(label=_("Postcode of the group's base"))
    area = MunicipalityListField(
        label=_("Other municipalities the group works in"),
        required=False,
        help_text=_("Names or postcodes, separated by commas."),
    )
    activities = _activities_field(required=True)
    audiences = forms.MultipleChoiceField(
        label=_("People the group supports"),
        choices=AUDIENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def initial_places(self, obj) -> None:
        """Show a saved group's places and activities the way people type them."""
        if obj.postal_code_id:
            self.initial["postcode"] = obj.postal_code.code
        self.initial["area"] = municipality_names(obj.area_served.all())
        self.initial["activities"] = [a.code for a in obj.activities.all()]

    def apply_places(self, obj) -> None:
        postcode = self.cleaned_data["postcode"]
        obj.postal_code = postcode
        obj.municipality = postcode.municipality


class OrganisationProfileForm(OrganisationFieldsMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "legal_form", "description", "website", "public_email", "phone", "activities", "audiences"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"public_email": EmailField}

    field_order = [
        "name",
        "legal_form",
        "postcode",
        "area",
        "activities",
        "audiences",
        "description",
        "website",
        "public_email",
        "phone",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial_places(self.instance)

    def clean_name(self) -> str:
        name = text.clean_name(self.cleaned_data["name"])
        if services.name_taken(name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("Another member group already uses this name."))
        return name

    def save(self, commit: bool = True):
        org = super().save(commit=False)
        self.apply_places(org)
        if commit:
            org.save()
            self.save_m2m()
        return org

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        self.instance.area_served.set(self.cleaned_data["area"])


class ApplicationForm(HiddenFieldsMixin, OrganisationFieldsMixin, SpamProtectedForm, forms.ModelForm):
    """The membership form (aansluitingsformulier)."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    accept_statutes = forms.BooleanField(label=_("We have read the statutes and accept them."))
    accept_rules = forms.BooleanField(label=_("We have read the internal rules and accept them."))

    class Meta:
        model = MembershipApplication
        fields = [
            "group_name",
            "legal_form",
            "description",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
            "motivation",
            "activities",
            "audiences",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "motivation": forms.Textarea(attrs={"rows": 4})}
        labels = {"activities": _("Activities")}
        field_classes = {"contact_email": EmailField}

    field_order = [
        "group_name",
        "legal_form",
        "postcode",
        "area",
        "activities",
        "audiences",
        "description",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
        "motivation",
        "accept_statutes",
        "accept_rules",
    ]

    def __init__(self, *args, for_update: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk:
            self.initial["submission_key"] = uuid.uuid4()  # one key per form shown
        if self.instance.pk:
            # An applicant answering a question: no new key, consent already given.
            for name in ("submission_key", "accept_statutes", "accept_rules", "website_url", "form_started"):
                self.fields.pop(name, None)
            if not self.is_bound:
                self.initial_places(self.instance)
        self.documents = {kind: NetworkDocument.objects.filter(kind=kind).first() for kind in DocumentKind.values}

    def clean(self):
        if self.instance.pk:  # answering a question: no spam checks, the secret link is the proof
            return forms.ModelForm.clean(self)
        return super().clean()

    def clean_contact_name(self) -> str:
        return text.clean_name(self.cleaned_data["contact_name"])

    def clean_group_name(self) -> str:
        name = text.clean_name(self.cleaned_data["group_name"])
        if services.name_taken(name):
            raise forms.ValidationError(
                _(
                    "A member group with this name already exists. If you are that group, contact the secretariat; "
                    "otherwise choose a distinguishing name."
                )
            )
        return name

    def save(self, commit: bool = True):
        application = super().save(commit=False)
        self.apply_places(application)
        if "submission_key" in self.cleaned_data:
            application.submission_key = self.cleaned_data["submission_key"]
        if commit:
            application.save()
            self.save_m2m()
        return application

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        self.instance.area_served.set(self.cleaned_data["area"])
        if not self.instance.accepted_documents.exists():
            self.instance.accepted_documents.set([d for d in self.documents.values() if d is not None])


class ApplicantReplyForm(ApplicationForm):
    reply = forms.CharField(
        label=_("Your answer to the secretariat"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


class ReviewForm(forms.Form):
    ACTIONS = [("approve", _("Approve")), ("info", _("Ask for more information")), ("decline", _("Decline"))]

    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the group (sent by e-mail)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in {"info", "decline"} and not (cleaned.get("message") or "").strip():
            self.add_error("message", _("Please write a message to the group for this decision."))
        return cleaned


class InviteForm(forms.Form):
    full_name = NameField(label=_("Name"), max_length=150, required=False)
    email = EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VOLUNTEER)
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=settings.LANGUAGES, initial="nl")


class MembershipChangeForm(forms.Form):
    """The secretariat ends a group's membership, or makes it a member again."""

    action = forms.ChoiceField(
        choices=[("end", _("End membership")), ("renew", _("Make member again"))],
        error_messages={
            "required": _("Choose to end the membership or to make the group a member again."),
            "invalid_choice": _("Choose to end the membership or to make the group a member again."),
        },
    )
    note = forms.CharField(
        label=_("Note for the history"), max_length=MembershipEvent._meta.get_field("note").max_length, required=False
    )


def _check_upload_size(upload) -> None:
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB."),
            params={"size": round(upload.size / 1048576, 1), "limit": round(settings.MAX_UPLOAD_BYTES / 1048576, 1)},
        )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = NetworkDocument
        fields = ["kind", "title", "file"]
        labels = {"kind": _("Document"), "file": _("PDF file")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        _check_upload_size(upload)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This file is not a PDF. Please upload the document as PDF."))
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Member list (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        _check_upload_size(upload)
        return upload
