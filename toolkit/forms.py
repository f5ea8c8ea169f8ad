from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LIFE_DOMAINS, PEOPLE_CONCERNED, Answer, EditSuggestion, Page, Question


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


class SuggestionForm(forms.ModelForm):
    """A member's proposed change: the whole text, with the revision it started from."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = EditSuggestion
        fields = ["title", "body", "message"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "spellcheck": "true", "lang": "nl"})}
        help_texts = {
            "body": _("Markdown: ## for a section heading, ### for a subheading, **bold**, - for a list."),
        }


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the author (optional)"), max_length=500, required=False, widget=forms.Textarea({"rows": 3})
    )


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
