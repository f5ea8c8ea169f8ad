from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import cast

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.formfields import HiddenFieldsMixin, IdField

from .models import (
    LIFE_DOMAINS,
    PEOPLE_CONCERNED,
    Answer,
    Attachment,
    AttachmentKind,
    EditSuggestion,
    Page,
    Question,
    Synonym,
)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the Toolkit"), max_length=200, required=False)
    domain = forms.ChoiceField(
        label=_("Life domain"), required=False, choices=[("", _("All life domains")), *LIFE_DOMAINS.items()]
    )
    people = forms.ChoiceField(
        label=_("People concerned"), required=False, choices=[("", _("Everyone")), *PEOPLE_CONCERNED.items()]
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("page", _("Toolkit pages")),
            ("term", _("Glossary")),
            ("question", _("Questions")),
            ("answer", _("Answers")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})


# A suggestion is the whole page: the longest page is some 40,000 characters; this leaves room
# and keeps a review page (which shows the text and its diff) a reasonable size.
MAX_SUGGESTION = 200_000


class SuggestionForm(HiddenFieldsMixin, forms.ModelForm):
    """A member's proposed change: the whole text, with the revision it started from."""

    base_revision = IdField()

    class Meta:
        model = EditSuggestion
        fields = ["title", "body", "message"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "spellcheck": "true", "lang": "nl"})}
        help_texts = {
            "body": _("Markdown: ## for a section heading, ### for a subheading, **bold**, - for a list."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        body = cast(forms.CharField, self.fields["body"])
        body.max_length = MAX_SUGGESTION
        body.validators.append(MaxLengthValidator(MAX_SUGGESTION))


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the author (optional)"), max_length=500, required=False, widget=forms.Textarea({"rows": 3})
    )


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Your message"), max_length=2000, widget=forms.Textarea({"rows": 3}))


MAX_TEXT = 5000


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["title", "life_domain", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT})}
        help_texts = {"body": _("No names or personal details of families: the network reads along.")}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if len(body) > MAX_TEXT:
            raise forms.ValidationError(_("Keep it under 5,000 characters."))
        return body


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT})}

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) > MAX_TEXT:
            raise forms.ValidationError(_("Keep it under 5,000 characters."))
        return body


class LinkAnswerForm(forms.Form):
    page = forms.ModelChoiceField(
        label=_("Toolkit page"), queryset=Page.objects.only("title", "slug"), required=False, empty_label=_("No page")
    )


@dataclass(frozen=True)
class FileType:
    kind: str
    content_type: str


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODP = "application/vnd.oasis.opendocument.presentation"
# What an attachment may be, by its extension; the first bytes must agree (sniff_type).
FILE_TYPES = {
    ".pdf": FileType(AttachmentKind.PDF, "application/pdf"),
    ".pptx": FileType(AttachmentKind.SLIDES, PPTX),
    ".odp": FileType(AttachmentKind.SLIDES, ODP),
    ".png": FileType(AttachmentKind.IMAGE, "image/png"),
    ".jpg": FileType(AttachmentKind.IMAGE, "image/jpeg"),
    ".jpeg": FileType(AttachmentKind.IMAGE, "image/jpeg"),
}


def sniff_type(upload) -> str | None:
    """The content type the file's own bytes show, or None: magic bytes for PDF, PNG and
    JPEG; for presentations (zip files) the part only a PPTX or an ODP has."""
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "ppt/presentation.xml" in names:
                    return PPTX
                if "mimetype" in names and archive.read("mimetype").strip() == ODP.encode():
                    return ODP
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        finally:
            upload.seek(0)
    return None


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]
        help_texts = {"file": _("PDF, presentation (PPTX, ODP) or image (PNG, JPEG).")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s MB; the limit is %(limit)s MB."),
                params={
                    "size": round(upload.size / 1048576, 1),
                    "limit": round(settings.MAX_UPLOAD_BYTES / 1048576, 1),
                },
            )
        expected = FILE_TYPES.get(PurePath(upload.name).suffix.lower())
        if expected is None:
            raise forms.ValidationError(_("Upload a PDF, a presentation (PPTX, ODP) or an image (PNG, JPEG)."))
        if sniff_type(upload) != expected.content_type:
            raise forms.ValidationError(
                _("This file is not what its name says. Save it again as PDF, PPTX, ODP, PNG or JPEG.")
            )
        upload.file_type = expected
        return upload


class CompareForm(forms.Form):
    """Two versions of a page to compare, chosen from the versions it has."""

    van = forms.TypedChoiceField(label=_("From version"), coerce=int)
    naar = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["van"].choices = choices  # type: ignore[attr-defined]
        self.fields["naar"].choices = choices  # type: ignore[attr-defined]
        if not self.is_bound and numbers:
            self.initial = {"van": numbers[1] if len(numbers) > 1 else numbers[0], "naar": numbers[0]}


class SynonymForm(forms.ModelForm):
    """The editors' synonyms of a word the Toolkit uses."""

    class Meta:
        model = Synonym
        fields = ["term", "synonyms"]

    def clean_synonyms(self) -> str:
        words = [w.strip() for w in self.cleaned_data["synonyms"].split(",") if w.strip()]
        if not words:
            raise forms.ValidationError(_("Give at least one other word, or delete the synonyms."))
        return ", ".join(words)
